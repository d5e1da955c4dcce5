package io.pipeline.contract;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The name and schema version of each integration event, derived from the sealed event hierarchy so that a new
 * event record cannot be forgotten here.
 */
public record EventType(String name, Class<? extends IntegrationEvent> javaType, String topic, int schemaVersion) {

    private static final Map<String, EventType> BY_NAME;
    private static final Map<Class<?>, EventType> BY_CLASS;

    static {
        Map<String, EventType> byName = new LinkedHashMap<>();
        Map<Class<?>, EventType> byClass = new LinkedHashMap<>();
        Stream.of(permitted(LeadEvent.class, "lead", Topics.LEADS),
                        permitted(OpportunityEvent.class, "opportunity", Topics.OPPORTUNITIES),
                        permitted(PeriodEvent.class, "period", Topics.PERIODS),
                        permitted(PlanEvent.class, "plan", Topics.PLAN))
                .flatMap(s -> s)
                .forEach(type -> {
                    byName.put(type.name(), type);
                    byClass.put(type.javaType(), type);
                });
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    @SuppressWarnings("unchecked")
    private static Stream<EventType> permitted(Class<? extends IntegrationEvent> family, String context, String topic) {
        return Arrays.stream(family.getPermittedSubclasses())
                .map(c -> new EventType("pipeline." + context + "." + c.getSimpleName(),
                        (Class<? extends IntegrationEvent>) c, topic, 1));
    }

    public static EventType of(IntegrationEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> javaType) {
        EventType type = BY_CLASS.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException(javaType + " is not an integration event");
        }
        return type;
    }

    public static Optional<EventType> named(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    public static Collection<EventType> all() {
        return BY_NAME.values();
    }
}
