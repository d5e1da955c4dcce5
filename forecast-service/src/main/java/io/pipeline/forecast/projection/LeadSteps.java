package io.pipeline.forecast.projection;

import io.pipeline.contract.LeadEvent;
import io.pipeline.forecast.figures.LeadStep;
import java.time.temporal.ChronoUnit;

/**
 * A lead event as the funnel reads it, built straight from the consumed event for the in-memory index: equal to
 * what reading the stored row back gives (instants to the microsecond, as the column keeps them).
 */
public final class LeadSteps {

    private LeadSteps() {
    }

    public static LeadStep of(LeadEvent event, EventMeta meta) {
        LeadEvent.Lead lead = event.lead();
        return new LeadStep(lead.leadId(), meta.sequence(), event.occurredAt().truncatedTo(ChronoUnit.MICROS),
                lead.state(), lead.ownerId(), lead.teamId(), lead.regionId(), lead.segment(),
                event instanceof LeadEvent.LeadConverted converted ? converted.opportunityId() : null);
    }
}
