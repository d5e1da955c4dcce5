package io.pipeline.forecast.figures;

import java.time.Instant;

/**
 * One lead event as the funnel needs it: the lead after it and, on conversion, the opportunity it opened.
 *
 * @param state CAPTURED, NURTURING, MQL, SQL, SAL, CONVERTED, REJECTED or DISQUALIFIED
 */
public record LeadStep(String leadId, long sequence, Instant occurredAt, String state, String ownerId, String teamId,
                       String regionId, String segment, String opportunityId) implements Hierarchy.Placed {
}
