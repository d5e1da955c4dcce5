package io.pipeline.lead.web;

import io.pipeline.platform.input.FreeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The body of a reject or disqualify. */
public record ReasonRequest(@NotBlank @Size(max = 500) @FreeText String reason, @PastOrPresent Instant occurredAt) {
}
