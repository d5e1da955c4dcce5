package io.pipeline.lead.query;

import io.pipeline.lead.api.LeadSource;
import io.pipeline.lead.api.LeadState;
import io.pipeline.lead.api.QualificationFramework;
import io.pipeline.lead.api.Segment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lead as the read model has it.
 *
 * @param version            the sequence number of the last event applied: the lead's version as of this view
 * @param closedReason       why it was rejected or disqualified, while it is
 * @param allowedTransitions what may be done with it next ({@link io.pipeline.lead.api.LeadTransition#action()})
 */
public record LeadView(String leadId, String personName, String email, String jobTitle, String company,
                       LeadSource source, String ownerId, String teamId, String regionId, Segment segment,
                       Integer score, LeadState state, QualificationFramework qualificationFramework,
                       Map<String, String> qualificationAnswers, String acceptedBy, String closedReason,
                       String opportunityId, String accountId, Instant createdAt, Instant stateChangedAt,
                       long version, List<String> allowedTransitions) {
}
