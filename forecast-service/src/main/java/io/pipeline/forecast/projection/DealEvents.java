package io.pipeline.forecast.projection;

import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealState;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An opportunity event as the figures read it, built straight from the consumed event for the in-memory index:
 * equal to what reading the stored row back gives (amounts to the cent, instants to the microsecond, as the
 * columns keep them).
 */
public final class DealEvents {

    private DealEvents() {
    }

    public static DealEvent of(OpportunityEvent event, EventMeta meta) {
        Deal d = event.deal();
        OpportunityProjection.Changes c = OpportunityProjection.Changes.of(event);
        DealState after = new DealState(d.ownerId(), d.teamId(), d.regionId(), d.segment(),
                d.amount().setScale(2, RoundingMode.HALF_UP), d.currency(), d.closeDate(), d.stage(),
                d.forecastCategory(), d.status(), d.qualified());
        return new DealEvent(d.opportunityId(), meta.sequence(), DealEvent.Kind.ofType(meta.type()),
                businessTime(event), after, c.lostReason(), c.competitor());
    }

    /** The event's business time at the precision PostgreSQL keeps. */
    static Instant businessTime(OpportunityEvent event) {
        return event.occurredAt().truncatedTo(ChronoUnit.MICROS);
    }
}
