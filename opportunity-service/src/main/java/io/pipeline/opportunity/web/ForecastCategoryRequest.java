package io.pipeline.opportunity.web;

import io.pipeline.opportunity.process.ForecastCategory;
import io.pipeline.platform.input.FreeText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record ForecastCategoryRequest(@NotNull ForecastCategory forecastCategory, @Size(max = 500) @FreeText String reason,
        Instant occurredAt) implements TimedRequest {
}
