package io.pipeline.opportunity.history;

import io.pipeline.eventsourcing.history.FieldChange;
import io.pipeline.eventsourcing.history.FieldChanges;
import io.pipeline.eventsourcing.history.HistoryReading;
import io.pipeline.opportunity.api.Deal;
import io.pipeline.opportunity.api.DealClosedLost;
import io.pipeline.opportunity.api.DealDeferred;
import io.pipeline.opportunity.api.DealEvent;
import io.pipeline.opportunity.api.ForecastCategoryOverridden;
import io.pipeline.platform.security.Ownership;
import java.time.Instant;
import java.util.List;

/**
 * A deal's events as history. Every event carries the whole deal after it, so what an event changed is the
 * difference between its deal and the one before it (the opening: every field from nothing); the facts an event
 * records beside the deal (a loss reason and competitor, an override's or a deferral's reason) are added as set.
 */
final class DealHistoryReading implements HistoryReading<DealEvent, Deal> {

    static final DealHistoryReading INSTANCE = new DealHistoryReading();

    private DealHistoryReading() {
    }

    @Override
    public String kind() {
        return "opportunity";
    }

    @Override
    public Class<DealEvent> eventType() {
        return DealEvent.class;
    }

    @Override
    public Ownership ownership(DealEvent event) {
        Deal deal = deal(event);
        return new Ownership(deal.ownerId(), deal.teamId(), deal.regionId());
    }

    @Override
    public Instant occurredAt(DealEvent event) {
        return event.occurredAt();
    }

    @Override
    public String actor(DealEvent event) {
        return event.actor();
    }

    @Override
    public Deal after(Deal before, DealEvent event) {
        return deal(event);
    }

    @Override
    public List<FieldChange> changes(Deal before, Deal after, DealEvent event) {
        FieldChanges changes = new FieldChanges()
                .field("stage", before == null ? null : before.stage(), after.stage())
                .field("amount", before == null ? null : before.amount(), after.amount())
                .field("currency", before == null ? null : before.currency(), after.currency())
                .field("closeDate", before == null ? null : before.closeDate(), after.closeDate())
                .field("forecastCategory", before == null ? null : before.forecastCategory(), after.forecastCategory())
                .field("status", before == null ? null : before.status(), after.status())
                .field("name", before == null ? null : before.name(), after.name())
                .field("accountId", before == null ? null : before.accountId(), after.accountId())
                .field("ownerId", before == null ? null : before.ownerId(), after.ownerId())
                .field("teamId", before == null ? null : before.teamId(), after.teamId())
                .field("regionId", before == null ? null : before.regionId(), after.regionId());
        if (event instanceof DealClosedLost lost) {
            changes.fact("lossReason", lost.reason()).fact("competitor", lost.competitor());
        } else if (event instanceof DealDeferred deferred) {
            changes.fact("reason", deferred.reason());
        } else if (event instanceof ForecastCategoryOverridden overridden) {
            changes.fact("reason", overridden.reason());
        }
        return changes.list();
    }

    private static Deal deal(DealEvent event) {
        return event.dealAfter();
    }
}
