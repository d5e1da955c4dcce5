package io.pipeline.opportunity.api;

import java.time.Instant;

public record StageRegressed(Deal deal, String previousStage, String previousForecastCategory, Instant occurredAt, String actor) implements DealChanged {
}
