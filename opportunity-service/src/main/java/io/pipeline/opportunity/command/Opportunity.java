package io.pipeline.opportunity.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pipeline.opportunity.api.OpenOpportunity;
import io.pipeline.opportunity.api.OpportunityOpened;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A deal. Holds only what its decisions need. */
@Aggregate
public class Opportunity {

    @AggregateIdentifier
    private String opportunityId;

    protected Opportunity() {
        // for Axon
    }

    /** Opening the same id twice is harmless: the second command finds the deal open and records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenOpportunity command) {
        if (opportunityId != null) {
            return;
        }
        apply(new OpportunityOpened(command.opportunityId(), command.accountId(), command.name(), command.ownerId(),
                command.teamId(), command.regionId(), command.segment(), command.type(), command.processId(),
                command.processVersion(), command.amount(), command.currency(), command.closeDate(), command.stage(),
                command.forecastCategory(), command.qualified(), command.leadId(), command.occurredAt(),
                command.actor()));
    }

    @EventSourcingHandler
    void on(OpportunityOpened event) {
        this.opportunityId = event.opportunityId();
    }
}
