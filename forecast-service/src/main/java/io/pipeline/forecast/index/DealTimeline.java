package io.pipeline.forecast.index;

import static io.pipeline.forecast.index.ColumnArrays.grown;

import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealState;
import java.util.Arrays;

/**
 * One deal's place in the index. Appends are serialised here; each publishes a new {@link TimelineColumns}
 * snapshot through a volatile field, so readers take a consistent snapshot without locking. An event arriving
 * after a higher sequence is inserted into copied arrays, leaving the snapshots already handed out intact.
 */
final class DealTimeline {

    private volatile TimelineColumns columns;
    /** Its place in the index's registry (see {@code DealIndex.Registry}). */
    private final int slot;

    DealTimeline(String opportunityId, int slot) {
        this.columns = TimelineColumns.empty(opportunityId);
        this.slot = slot;
    }

    int slot() {
        return slot;
    }

    TimelineColumns columns() {
        return columns;
    }

    /** @return false when the deal already has an event of that sequence (a re-delivery) */
    synchronized boolean add(DealEvent event, DealState compactState) {
        TimelineColumns c = columns;
        int at = Arrays.binarySearch(c.sequences(), 0, c.size(), event.sequence());
        if (at >= 0) {
            return false;
        }
        int insertAt = -at - 1;
        boolean appendInPlace = insertAt == c.size() && c.size() < c.sequences().length;
        long[] sequences = appendInPlace ? c.sequences() : grown(c.sequences(), c.size(), insertAt);
        long[] micros = appendInPlace ? c.occurredMicros() : grown(c.occurredMicros(), c.size(), insertAt);
        byte[] kinds = appendInPlace ? c.kinds() : grown(c.kinds(), c.size(), insertAt);
        DealState[] states = appendInPlace ? c.states() : grown(c.states(), c.size(), insertAt);
        String[] lostReasons = details(c.lostReasons(), event.lostReason(), appendInPlace, c.size(), insertAt,
                sequences.length);
        String[] competitors = details(c.competitors(), event.competitor(), appendInPlace, c.size(), insertAt,
                sequences.length);
        long eventMicros = TimelineColumns.micros(event.occurredAt());
        sequences[insertAt] = event.sequence();
        micros[insertAt] = eventMicros;
        kinds[insertAt] = (byte) event.kind().ordinal();
        states[insertAt] = compactState;
        if (lostReasons != null) {
            lostReasons[insertAt] = event.lostReason();
        }
        if (competitors != null) {
            competitors[insertAt] = event.competitor();
        }
        int size = c.size() + 1;
        boolean ordered = c.timeOrdered()
                && (insertAt == 0 || micros[insertAt - 1] <= eventMicros)
                && (insertAt == size - 1 || eventMicros <= micros[insertAt + 1]);
        int closeDay = (int) compactState.closeDate().toEpochDay();
        columns = new TimelineColumns(c.opportunityId(), sequences, micros, kinds, states, lostReasons, competitors,
                size, ordered, Math.min(c.firstMicros(), eventMicros), Math.max(c.lastMicros(), eventMicros),
                Math.min(c.minCloseDay(), closeDay), Math.max(c.maxCloseDay(), closeDay));
        return true;
    }

    /** The column kept only for deals that have such a value (most have none): null until one appears. */
    private static String[] details(String[] column, String value, boolean appendInPlace, int size, int insertAt,
                                    int capacity) {
        if (column == null) {
            return value == null ? null : new String[capacity];
        }
        return appendInPlace ? column : grown(column, size, insertAt);
    }
}
