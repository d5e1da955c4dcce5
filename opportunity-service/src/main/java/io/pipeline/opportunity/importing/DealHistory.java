package io.pipeline.opportunity.importing;

import java.util.List;

/**
 * One deal as read from the files: what does not change (ids, account, name, type) and what was observed over
 * time, oldest first (stable: rows at the same instant keep the file's order). A deal with an error in any of
 * its rows is not imported, since half a history would give wrong figures and block a corrected re-import.
 *
 * @param opportunityId the id here, derived from the CRM's so a re-import finds the deal
 * @param segment       the segment the file gives, or null for the owner's (or the import's default)
 * @param type          an {@link io.pipeline.opportunity.api.OpportunityType} name
 */
public record DealHistory(String opportunityId, CsvRow source, String accountId, String accountName, String name,
                          String type, String segment, List<Observation> observations, List<ImportProblem> problems) {

    public boolean readable() {
        return problems.stream().noneMatch(ImportProblem::isError);
    }
}
