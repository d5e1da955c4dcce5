package io.pipeline.lead.api;

import java.time.Instant;

/**
 * A stored lead event. Each carries the lead as it stands after the change ({@link #profile()}), the business time
 * it happened and who did it; {@link #state()} is the state it leads to, fixed by the event's type.
 */
public sealed interface LeadLifecycleEvent permits LeadCaptured, LeadNurtured, LeadMarketingQualified, LeadQualified,
        LeadAccepted, LeadRejected, LeadDisqualified, LeadRecycled, LeadConverted {

    String leadId();

    LeadProfile profile();

    Instant occurredAt();

    String actor();

    LeadState state();
}
