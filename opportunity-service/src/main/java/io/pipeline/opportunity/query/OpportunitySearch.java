package io.pipeline.opportunity.query;

import java.time.LocalDate;

/** Filters of the opportunity list; null means any (owner, team and
 * region are also what the caller may see). The close-date range includes both ends. */
public record OpportunitySearch(String ownerId, String teamId, String regionId,
                                String accountId, String stage, String forecastCategory,
                                String status, LocalDate closeFrom, LocalDate closeTo) {
}
