package io.pipeline.platform.input;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Checks every string, decimal, date and instant of a JSON body against the {@link InputPolicy} as it is read, after
 * Jackson's own deserializer, so the refusal carries the field's path (see the problem advice).
 */
public class InputPolicyModule extends SimpleModule {

    public InputPolicyModule() {
        super("pipeline-input-policy");
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                                                           BeanDescription.Supplier description,
                                                           ValueDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type == String.class || type == BigDecimal.class || type == LocalDate.class
                        || type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
                    return new Checked(deserializer, type, false);
                }
                return deserializer;
            }
        });
    }

    /** The standard deserializer of a checked type, followed by the policy's check. */
    private static final class Checked extends DelegatingDeserializer {

        private final Class<?> type;
        private final boolean freeText;

        Checked(ValueDeserializer<?> delegate, Class<?> type, boolean freeText) {
            super(delegate);
            this.type = type;
            this.freeText = freeText;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Checked(delegate, type, freeText);
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            Checked contextual = (Checked) super.createContextual(ctxt, property);
            boolean free = property != null && property.getAnnotation(FreeText.class) != null;
            return free == contextual.freeText ? contextual : new Checked(contextual._delegatee, type, free);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            Object value = super.deserialize(p, ctxt);
            String rule = value == null ? null : violation(value);
            if (rule != null) {
                throw new InputPolicyViolation(p, rule, type);
            }
            return value;
        }

        private String violation(Object value) {
            if (value instanceof String text) {
                return InputPolicy.textViolation(text, freeText);
            }
            if (value instanceof BigDecimal number) {
                return InputPolicy.decimalViolation(number);
            }
            if (value instanceof LocalDate date) {
                return InputPolicy.dateViolation(date);
            }
            if (value instanceof Instant instant) {
                // compared as instants: Instant.MAX has no date
                return instant.isBefore(InputPolicy.EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                        || !instant.isBefore(InputPolicy.LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                        ? InputPolicy.dateViolation(InputPolicy.LATEST.plusDays(1)) : null;
            }
            if (value instanceof OffsetDateTime time) {
                return InputPolicy.dateViolation(time.toLocalDate());
            }
            if (value instanceof ZonedDateTime time) {
                return InputPolicy.dateViolation(time.toLocalDate());
            }
            return null;
        }
    }
}
