package io.pipeline.lead.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PastOrPresent;
import java.time.Instant;

/** @param score optional lead score at the time marketing qualified it, 0-100 */
public record MarkMqlRequest(@Min(0) @Max(100) Integer score, @PastOrPresent Instant occurredAt) {
}
