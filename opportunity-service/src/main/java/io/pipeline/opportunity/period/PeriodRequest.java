package io.pipeline.opportunity.period;

import io.pipeline.platform.input.FreeText;
import jakarta.validation.constraints.Size;

/** @param reason optional: why the quarter is closed or reopened (shown with its state) */
public record PeriodRequest(@Size(max = 500) @FreeText String reason) {
}
