package io.pipeline.forecast.index;

import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealState;
import java.time.Instant;

/**
 * The index's {@link DealAtTwoInstants}: one cursor per scan, moved from deal to deal, so that the scan of a
 * period allocates nothing per deal (the states are the index's own). Valid only during the callback it is given
 * to; whoever keeps something of a deal copies it out.
 */
final class IndexedDealAtTwoInstants implements DealAtTwoInstants {

    private static final DealEvent.Kind[] KINDS = DealEvent.Kind.values();

    private final Instant t0;
    private final Instant t1;
    private final long micros0;
    private final long micros1;
    private TimelineColumns columns;
    private DealState before;
    private DealState after;
    /** How many events from the first are at or before t1 (time-ordered deals only). */
    private int countAtT1;

    IndexedDealAtTwoInstants(Instant t0, Instant t1) {
        this.t0 = t0;
        this.t1 = t1;
        this.micros0 = TimelineColumns.micros(t0);
        this.micros1 = TimelineColumns.micros(t1);
    }

    /** Moves to the deal: a binary search per instant on its event times (a scan when they are out of order). */
    void moveTo(TimelineColumns deal) {
        columns = deal;
        if (deal.timeOrdered()) {
            // most deals of a period are closed (their last event before t1, often before t0) or opened after
            // t0: no search then, and the deal's times are not read at all
            countAtT1 = countUpTo(deal, micros1);
            int countAtT0 = countUpTo(deal, micros0);
            after = countAtT1 == 0 ? null : deal.states()[countAtT1 - 1];
            before = countAtT0 == 0 ? null : deal.states()[countAtT0 - 1];
        } else {
            TimelineColumns.Timeline view = deal.view();
            after = view.stateAt(t1);
            before = view.stateAt(t0);
        }
    }

    private static int countUpTo(TimelineColumns deal, long micros) {
        if (deal.lastMicros() <= micros) {
            return deal.size();
        }
        return deal.firstMicros() > micros ? 0 : deal.countUpTo(micros);
    }

    @Override
    public String opportunityId() {
        return columns.opportunityId();
    }

    @Override
    public DealState before() {
        return before;
    }

    @Override
    public DealState after() {
        return after;
    }

    @Override
    public Instant openedAt() {
        return TimelineColumns.instant(columns.occurredMicros()[0]);
    }

    @Override
    public void forEachEventUpToAfter(EventVisitor visitor) {
        if (columns.timeOrdered()) {
            for (int i = 0; i < countAtT1; i++) {
                visitor.event(KINDS[columns.kinds()[i]], columns.states()[i]);
            }
        } else {
            columns.view().asOf(t1).forEach(event -> visitor.event(event.kind(), event.after()));
        }
    }
}
