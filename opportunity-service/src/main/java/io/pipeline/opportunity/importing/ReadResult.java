package io.pipeline.opportunity.importing;

import java.util.List;

/**
 * The deals read from an import's files.
 *
 * @param problems problems that belong to no readable deal (a missing column, a history row of an unknown deal);
 *                 each deal carries its own
 * @param rows     data rows read, over all files
 */
public record ReadResult(List<DealHistory> deals, List<ImportProblem> problems, long rows) {
}
