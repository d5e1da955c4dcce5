package io.pipeline.opportunity.period;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** RevOps or an admin reopens a fiscal quarter (closed by them or by its grace) for live commands. */
public record ReopenPeriod(@TargetAggregateIdentifier String streamId, String period, String reason, Instant at,
                           String actor) {
}
