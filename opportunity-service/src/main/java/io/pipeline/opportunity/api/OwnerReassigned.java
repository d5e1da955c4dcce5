package io.pipeline.opportunity.api;

import java.time.Instant;

public record OwnerReassigned(Deal deal, String previousOwnerId, String previousTeamId, String previousRegionId, Instant occurredAt, String actor) implements DealChanged {

    @Override
    public <R> R accept(DealEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
