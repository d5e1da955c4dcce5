package io.pipeline.opportunity.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A row of the list and search read model; {@code version} is what {@code If-Match} expects. */
public record OpportunityView(String opportunityId, String accountId, String name, String ownerId, String teamId,
                              String regionId, String segment, String type, String processId, int processVersion,
                              BigDecimal amount, String currency, LocalDate closeDate, String stage,
                              String forecastCategory, String status, boolean qualified, String leadId,
                              Instant openedAt, Instant changedAt, long version) {
}
