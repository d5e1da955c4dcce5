package io.pipeline.opportunity.api;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check. */
public record ChangeAmount(@TargetAggregateIdentifier String opportunityId, BigDecimal amount, String currency, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
