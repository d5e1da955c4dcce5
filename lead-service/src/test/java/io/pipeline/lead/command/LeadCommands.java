package io.pipeline.lead.command;

import static io.pipeline.lead.command.LeadHistories.BANT;
import static io.pipeline.lead.command.LeadHistories.LEAD;

import io.pipeline.lead.api.AcceptLead;
import io.pipeline.lead.api.ConvertLead;
import io.pipeline.lead.api.DisqualifyLead;
import io.pipeline.lead.api.LeadTransition;
import io.pipeline.lead.api.MarkLeadMarketingQualified;
import io.pipeline.lead.api.NurtureLead;
import io.pipeline.lead.api.QualificationFramework;
import io.pipeline.lead.api.QualifyLead;
import io.pipeline.lead.api.RecycleLead;
import io.pipeline.lead.api.RejectLead;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A typical command for each transition of lead {@link LeadHistories#LEAD}. */
final class LeadCommands {

    private LeadCommands() {
    }

    static Object of(LeadTransition transition, Instant at) {
        return of(transition, LEAD, "ae-1", at);
    }

    static Object of(LeadTransition transition, String leadId, String ae, Instant at) {
        return switch (transition) {
            case NURTURE -> new NurtureLead(leadId, null, at, "marketing");
            case MARK_MQL -> new MarkLeadMarketingQualified(leadId, null, 70, at, "marketing");
            case QUALIFY -> new QualifyLead(leadId, null, QualificationFramework.BANT, BANT, at, "sdr-1");
            case ACCEPT -> new AcceptLead(leadId, null, ae, "team-ae", null, at, ae);
            case REJECT -> new RejectLead(leadId, null, "not now", at, ae);
            case DISQUALIFY -> new DisqualifyLead(leadId, null, "no budget", at, "sdr-1");
            case RECYCLE -> new RecycleLead(leadId, null, at, "marketing");
            case CONVERT -> new ConvertLead(leadId, null, "acc-1", "Acme Inc", "Acme forecasting",
                    new BigDecimal("50000.00"), "EUR", LocalDate.parse("2026-06-30"), at, ae);
        };
    }
}
