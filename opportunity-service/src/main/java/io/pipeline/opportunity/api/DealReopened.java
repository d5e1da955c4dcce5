package io.pipeline.opportunity.api;

import java.time.Instant;

public record DealReopened(Deal deal, String previousStatus, Instant occurredAt, String actor) implements DealChanged {
}
