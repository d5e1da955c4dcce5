package io.pipeline.opportunity.api;

import java.time.Instant;
import java.time.LocalDate;

public record CloseDateChanged(Deal deal, LocalDate previousCloseDate, Instant occurredAt, String actor) implements DealChanged {
}
