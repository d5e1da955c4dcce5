package io.pipeline.opportunity.period;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pipeline.platform.period.PeriodDecision;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A fiscal quarter's explicit decisions, one stream per quarter ({@code fiscal-period/FY2026-Q3}). Holds only the
 * latest decision: closing a closed quarter or reopening a reopened one records nothing, so retries are safe. A
 * quarter nobody decided about follows the grace rule ({@code BusinessTimePolicy}); its first decision, either
 * way, overrides it.
 */
@Aggregate
public class FiscalPeriod {

    private static final String STREAM_PREFIX = "fiscal-period/";

    @AggregateIdentifier
    private String streamId;
    private PeriodDecision latest;

    protected FiscalPeriod() {
        // for Axon
    }

    public static String streamId(String period) {
        return STREAM_PREFIX + period;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodDecision handle(ClosePeriod command) {
        if (latest == null || !latest.closed()) {
            apply(new PeriodClosed(command.period(), command.reason(), command.at(), command.actor()));
        }
        return latest;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodDecision handle(ReopenPeriod command) {
        if (latest == null || latest.closed()) {
            apply(new PeriodReopened(command.period(), command.reason(), command.at(), command.actor()));
        }
        return latest;
    }

    @EventSourcingHandler
    void on(PeriodClosed event) {
        streamId = streamId(event.period());
        latest = event.decision();
    }

    @EventSourcingHandler
    void on(PeriodReopened event) {
        streamId = streamId(event.period());
        latest = event.decision();
    }
}
