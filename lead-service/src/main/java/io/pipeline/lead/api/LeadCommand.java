package io.pipeline.lead.api;

import java.time.Instant;

/** A change to an existing lead: who asks, when it happened in business time, and which version they saw. */
public interface LeadCommand {

    String leadId();

    /** The version the client read ({@code If-Match}); null skips the check. */
    Long expectedVersion();

    Instant occurredAt();

    String actor();
}
