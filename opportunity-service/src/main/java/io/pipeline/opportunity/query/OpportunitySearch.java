package io.pipeline.opportunity.query;

import java.time.LocalDate;

/** Filters of the opportunity list; null means any. The close-date range includes both ends. */
public record OpportunitySearch(String ownerId, String teamId, String accountId, String stage, String forecastCategory,
                                String status, LocalDate closeFrom, LocalDate closeTo) {
}
