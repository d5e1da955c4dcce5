package io.pipeline.opportunity.consumer;

import io.pipeline.contract.LeadEvent.Lead;
import io.pipeline.contract.LeadEvent.LeadConverted;
import io.pipeline.eventsourcing.web.RequestCorrelation;
import io.pipeline.opportunity.account.AccountDirectory;
import io.pipeline.opportunity.api.OpenOpportunity;
import io.pipeline.opportunity.api.OpportunityType;
import io.pipeline.opportunity.api.Segment;
import io.pipeline.opportunity.api.RepeatOpen;
import io.pipeline.eventsourcing.command.Creations;
import org.axonframework.commandhandling.gateway.CommandGateway;
import io.pipeline.opportunity.process.JdbcSalesProcessCatalog;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.Stage;
import io.pipeline.platform.problem.InvalidFieldException;
import java.util.Arrays;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.springframework.stereotype.Component;

/** A converted lead becomes a new-business deal on its account, at its process's first qualified stage. */
@Component
public class LeadConversions {

    private final CommandGateway commands;
    private final AccountDirectory accounts;
    private final JdbcSalesProcessCatalog processes;

    public LeadConversions(CommandGateway commands, AccountDirectory accounts, JdbcSalesProcessCatalog processes) {
        this.commands = commands;
        this.accounts = accounts;
        this.processes = processes;
    }

    /** Throws {@link InvalidFieldException} when the conversion lacks what a deal needs: no retry will help. */
    public void open(LeadConverted converted, String correlationId) {
        Lead lead = required("lead", converted.lead());
        String segment = required("lead.segment", lead.segment());
        if (Arrays.stream(Segment.values()).noneMatch(s -> s.name().equals(segment))) {
            throw new InvalidFieldException("lead.segment", "unknown segment " + segment);
        }
        if (required("amount", converted.amount()).signum() < 0) {
            throw new InvalidFieldException("amount", "must not be negative");
        }
        if (!required("currency", converted.currency()).matches("[A-Z]{3}")) {
            throw new InvalidFieldException("currency", "must be an ISO 4217 code");
        }
        SalesProcess process = processes.forNewDeal(null, segment);
        Stage stage = process.firstQualifiedStage();
        String accountId = required("accountId", converted.accountId());
        accounts.ensure(accountId, converted.accountName() == null ? accountId : converted.accountName(), lead.leadId());
        OpenOpportunity open = new OpenOpportunity(required("opportunityId", converted.opportunityId()), accountId,
                converted.opportunityName() == null ? accountId : converted.opportunityName(),
                required("lead.ownerId", lead.ownerId()), required("lead.teamId", lead.teamId()),
                required("lead.regionId", lead.regionId()), segment, OpportunityType.NEW_BUSINESS.name(), process.id(),
                process.version(), converted.amount(), converted.currency(), required("closeDate", converted.closeDate()),
                stage.name(), stage.category().name(), true, lead.leadId(), converted.occurredAt(), converted.actor());
        // a redelivered conversion finds its deal opened and records nothing
        Creations.createOrRepeat(commands, correlationId == null ? open : GenericCommandMessage.asCommandMessage(open)
                .andMetaData(Map.of(RequestCorrelation.METADATA_KEY, correlationId)),
                () -> new RepeatOpen(open.opportunityId()));
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is missing from the LeadConverted event");
        }
        return value;
    }
}
