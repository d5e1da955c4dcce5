package io.pipeline.opportunity.api;

import java.time.Instant;

public record OwnerReassigned(Deal deal, String previousOwnerId, String previousTeamId, String previousRegionId, Instant occurredAt, String actor) implements DealChanged {
}
