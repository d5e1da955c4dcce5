package io.pipeline.opportunity.api;

import java.time.Instant;

public record ForecastCategoryOverridden(Deal deal, String previousForecastCategory, String reason, Instant occurredAt, String actor) implements DealChanged {
}
