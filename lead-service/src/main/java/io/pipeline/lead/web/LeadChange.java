package io.pipeline.lead.web;

import io.pipeline.lead.api.Conversions;
import io.pipeline.lead.api.LeadState;
import io.pipeline.lead.api.LeadStatus;
import io.pipeline.lead.api.LeadTransition;
import java.util.List;

/**
 * The answer to a lead command, read from the aggregate itself, so it never lags like the read model can.
 *
 * @param version       the version to send back in If-Match (also the ETag)
 * @param changed       false when the command repeated one that had already taken effect
 * @param opportunityId the opportunity the lead converted into, once it did
 */
public record LeadChange(String leadId, LeadState state, long version, boolean changed,
                         List<String> allowedTransitions, String opportunityId) {

    static LeadChange of(LeadStatus status) {
        return new LeadChange(status.leadId(), status.state(), status.version(), status.changed(),
                LeadTransition.allowedFrom(status.state()),
                status.state() == LeadState.CONVERTED ? Conversions.opportunityIdFor(status.leadId()) : null);
    }
}
