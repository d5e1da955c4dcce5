package io.pipeline.opportunity.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

public record OpportunityOpened(String opportunityId, String accountId, String name, String ownerId, String teamId,
                                String regionId, String segment, String type, String processId, int processVersion,
                                BigDecimal amount, String currency, LocalDate closeDate, String stage,
                                String forecastCategory, boolean qualified, String leadId, Instant occurredAt,
                                String actor) implements DealEvent {

    @Override
    public Deal dealAfter() {
        return Deal.opened(this);
    }

    @Override
    public <R> R accept(DealEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
