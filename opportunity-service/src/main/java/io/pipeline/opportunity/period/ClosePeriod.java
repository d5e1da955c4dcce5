package io.pipeline.opportunity.period;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** RevOps or an admin closes a fiscal quarter: no live command may write into it any more. */
public record ClosePeriod(@TargetAggregateIdentifier String streamId, String period, String reason, Instant at,
                          String actor) {
}
