package io.pipeline.lead.api;

import java.time.Instant;

/**
 * A stored lead event. Each carries the lead as it stands after the change ({@link #profile()}), the business time
 * it happened and who did it; {@link #state()} is the state it leads to, fixed by the event's type.
 *
 * <p>Sealed, and visited: Java 17 has no pattern switch, so {@link Visitor} is the exhaustive switch over the
 * events. A new event must implement {@link #accept}, which compiles only once {@link Visitor} has a method for it,
 * and then every visitor (the relay's public mapping above all) fails to compile until it handles the new event.
 */
public sealed interface LeadLifecycleEvent permits LeadCaptured, LeadNurtured, LeadMarketingQualified, LeadQualified,
        LeadAccepted, LeadRejected, LeadDisqualified, LeadRecycled, LeadConverted {

    String leadId();

    LeadProfile profile();

    Instant occurredAt();

    String actor();

    LeadState state();

    <R> R accept(Visitor<R> visitor);

    /** One method per lead event. */
    interface Visitor<R> {

        R visit(LeadCaptured event);

        R visit(LeadNurtured event);

        R visit(LeadMarketingQualified event);

        R visit(LeadQualified event);

        R visit(LeadAccepted event);

        R visit(LeadRejected event);

        R visit(LeadDisqualified event);

        R visit(LeadRecycled event);

        R visit(LeadConverted event);
    }
}
