package io.pipeline.forecast.index;

import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealState;
import java.time.Instant;

/**
 * One deal as it stood at two instants t0 <= t1 (its state after its newest event at or before each): what a
 * comparison of the two, like the pipeline inspection, reads. Served by the index straight from its columns (no
 * history or event objects are built for a deal the comparison drops), or over a plain history.
 */
public interface DealAtTwoInstants {

    String opportunityId();

    /** The deal at t0, or null when it did not exist yet. */
    DealState before();

    /** The deal at t1, or null when it did not exist yet. */
    DealState after();

    /** When its first event (in the deal's order) happened. */
    Instant openedAt();

    /** Each of its events at or before t1, in the deal's order: the kind of change and the deal after it. */
    void forEachEventUpToAfter(EventVisitor visitor);

    @FunctionalInterface
    interface EventVisitor {
        void event(DealEvent.Kind kind, DealState after);
    }
}
