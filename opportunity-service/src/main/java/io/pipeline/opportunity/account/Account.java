package io.pipeline.opportunity.account;

import java.time.Instant;

/** @param fromLeadId the lead whose conversion created the account; null for an existing customer */
public record Account(String accountId, String name, String fromLeadId, Instant createdAt) {
}
