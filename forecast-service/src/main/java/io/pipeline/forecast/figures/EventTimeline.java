package io.pipeline.forecast.figures;

import java.time.Instant;
import java.util.List;

/**
 * A deal's events kept already in sequence order by the in-memory index, able to answer "as of t" without
 * building every event: {@link DealHistory} delegates to it instead of filtering, so the figures run unchanged
 * over the compact form.
 */
public interface EventTimeline extends List<DealEvent> {

    /** The events whose business time is at or before {@code t}, in the deal's order. */
    List<DealEvent> asOf(Instant t);

    /**
     * An index before which every event is at or before {@code t} (0 when the business times are not in sequence
     * order): a figure reading only later events starts there without building the earlier ones.
     */
    int knownBefore(Instant t);

    /** The state after the highest-sequence event at or before {@code t}, or null when there is none. */
    DealState stateAt(Instant t);
}
