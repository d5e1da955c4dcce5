package io.pipeline.opportunity.importing;

import java.time.Instant;
import java.util.List;

/**
 * Where an import stands (the body of {@code GET /api/imports/{id}}): updated as it goes, final once
 * {@code status} is DONE, REJECTED or FAILED.
 *
 * @param rowsRead        data rows in all files
 * @param dealsRead       deals found in them
 * @param dealsDone       deals handled so far (imported, unchanged or refused); progress is dealsDone / dealsRead
 * @param dealsImported   deals that received events
 * @param dealsUnchanged  deals already holding their whole history (a re-import)
 * @param dealsRefused    deals not imported (or only partly, if the aggregate refused a change) for a problem
 * @param eventsRecorded  events the import added
 * @param problemCount    all problems; {@code problems} lists the first of them (row numbers count the header as 1)
 * @param rowsPerSecond   rows read over the time since the start
 * @param eventsPerSecond events recorded over the time since the start
 */
public record ImportReport(String importId, ImportStatus status, String format, boolean allOrNothing,
                           long rowsRead, long dealsRead, long dealsDone, long dealsImported, long dealsUnchanged,
                           long dealsRefused, long eventsRecorded, long problemCount, List<ImportProblem> problems,
                           Instant startedAt, Instant updatedAt, Instant finishedAt, double rowsPerSecond,
                           double eventsPerSecond, String failure) {
}
