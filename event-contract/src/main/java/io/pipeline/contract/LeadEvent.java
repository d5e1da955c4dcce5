package io.pipeline.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Events of {@link Topics#LEADS}, each with the lead as it stands after the change. */
public sealed interface LeadEvent extends IntegrationEvent {

    Lead lead();

    @Override
    default String subject() {
        return lead().leadId();
    }

    @Override
    default String topic() {
        return Topics.LEADS;
    }

    /**
     * @param source INBOUND, EVENT, REFERRAL, PARTNER, TARGET_ACCOUNT, OUTBOUND, CLOSED_LOST_RECYCLED or NETWORK
     * @param state  CAPTURED, NURTURING, MQL, SQL, SAL, CONVERTED, REJECTED or DISQUALIFIED
     */
    record Lead(String leadId, String company, String source, String ownerId, String teamId, String regionId,
                String segment, String state) {
    }

    record LeadCaptured(Lead lead, Instant occurredAt, String actor) implements LeadEvent {
    }

    record LeadNurtured(Lead lead, String previousState, Instant occurredAt, String actor) implements LeadEvent {
    }

    record LeadMarketingQualified(Lead lead, Integer score, Instant occurredAt, String actor) implements LeadEvent {
    }

    /** @param framework BANT or MEDDIC */
    record LeadQualified(Lead lead, String framework, Instant occurredAt, String actor) implements LeadEvent {
    }

    record LeadAccepted(Lead lead, String acceptedBy, Instant occurredAt, String actor) implements LeadEvent {
    }

    record LeadRejected(Lead lead, String previousState, String reason, Instant occurredAt, String actor)
            implements LeadEvent {
    }

    record LeadDisqualified(Lead lead, String previousState, String reason, Instant occurredAt, String actor)
            implements LeadEvent {
    }

    record LeadRecycled(Lead lead, String previousState, Instant occurredAt, String actor) implements LeadEvent {
    }

    /**
     * The lead became an opportunity: opportunity-service opens {@code opportunityId} on the account from this
     * event (the client does not call it a second time).
     */
    record LeadConverted(Lead lead, String opportunityId, String accountId, String accountName, String opportunityName,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency,
                         LocalDate closeDate, Instant occurredAt, String actor) implements LeadEvent {
    }
}
