package io.pipeline.opportunity.web;

import java.time.Instant;
import java.time.LocalDate;

/**
 * @param closeDate optional; the business date of the close when absent
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record CloseWonRequest(LocalDate closeDate,
        Instant occurredAt) implements TimedRequest {
}
