package io.pipeline.forecast.figures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.List;
import java.util.Map;

/**
 * One deal's events in the order the deal went through them (its sequence), whatever order they arrived in.
 * "As of t" means the events whose business time ({@code occurredAt}) is at or before t.
 */
public record DealHistory(String opportunityId, List<DealEvent> events) {

    public DealHistory {
        // a timeline of the in-memory index is in sequence order already; copying it would build every event
        if (!(events instanceof EventTimeline)) {
            events = events.stream().sorted(Comparator.comparingLong(DealEvent::sequence)).toList();
        }
    }

    /** Groups events of many deals, in any interleaving, into one history per deal. */
    public static List<DealHistory> of(Collection<DealEvent> events) {
        return group(events, DealEvent::opportunityId, DealHistory::new);
    }

    /** One history per subject (deal or lead), in subject order, whatever order the events came in. */
    static <E, H> List<H> group(Collection<E> events, Function<E, String> subject,
                                BiFunction<String, List<E>, H> history) {
        Map<String, List<E>> bySubject = new TreeMap<>();
        for (E event : events) {
            bySubject.computeIfAbsent(subject.apply(event), id -> new ArrayList<>()).add(event);
        }
        return bySubject.entrySet().stream().map(e -> history.apply(e.getKey(), e.getValue())).toList();
    }

    /** The events known as of {@code t}, in the deal's order. */
    public List<DealEvent> asOf(Instant t) {
        if (events instanceof EventTimeline timeline) {
            return timeline.asOf(t);
        }
        return events.stream().filter(e -> !e.occurredAt().isAfter(t)).toList();
    }

    /**
     * An index of {@link #events()} before which every event is at or before {@code t}: the events after t are
     * all from there on (0 when that is not known without reading them).
     */
    public int knownBefore(Instant t) {
        return events instanceof EventTimeline timeline ? timeline.knownBefore(t) : 0;
    }

    /** The deal as it stood at {@code t}, or null when it did not exist yet. */
    public DealState stateAt(Instant t) {
        if (events instanceof EventTimeline timeline) {
            return timeline.stateAt(t);
        }
        DealState state = null;
        for (DealEvent event : events) {
            if (!event.occurredAt().isAfter(t)) {
                state = event.after();
            }
        }
        return state;
    }
}
