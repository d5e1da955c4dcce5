package io.pipeline.opportunity.importing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The counters of a running import, written by the deal threads, read into an {@link ImportReport}. */
final class ImportProgress {

    private final String importId;
    private final String format;
    private final boolean allOrNothing;
    private final int problemsKept;
    private final Clock clock;
    private final Instant startedAt;
    private final List<ImportProblem> problems = new ArrayList<>();
    final AtomicLong dealsDone = new AtomicLong();
    final AtomicLong dealsImported = new AtomicLong();
    final AtomicLong dealsUnchanged = new AtomicLong();
    final AtomicLong dealsRefused = new AtomicLong();
    final AtomicLong eventsRecorded = new AtomicLong();
    /** Where the time went, for the log (not the report): reading the files, planning and replaying, appending. */
    final AtomicLong readingNanos = new AtomicLong();
    final AtomicLong replayNanos = new AtomicLong();
    final AtomicLong appendNanos = new AtomicLong();
    private volatile ImportStatus status = ImportStatus.QUEUED;
    private volatile long rowsRead;
    private volatile long dealsRead;
    private volatile String failure;
    private long problemCount;
    private Instant finishedAt;

    ImportProgress(String importId, ImportFormat format, boolean allOrNothing, int problemsKept, Clock clock) {
        this.importId = importId;
        this.format = format.name();
        this.allOrNothing = allOrNothing;
        this.problemsKept = problemsKept;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    String importId() {
        return importId;
    }

    void status(ImportStatus next) {
        status = next;
    }

    /** More rows and deals read: a file is read a part at a time, so these grow while the import runs. */
    synchronized void read(long rows, long deals) {
        rowsRead += rows;
        dealsRead += deals;
    }

    synchronized void problems(Collection<ImportProblem> found) {
        for (ImportProblem problem : found) {
            problemCount++;
            if (problems.size() < problemsKept) {
                problems.add(problem);
            }
        }
    }

    synchronized void finish(ImportStatus last, String failureMessage) {
        failure = failureMessage;
        finishedAt = clock.instant();
        status = last;
    }

    synchronized ImportReport report() {
        Instant now = finishedAt != null ? finishedAt : clock.instant();
        double seconds = Math.max(Duration.between(startedAt, now).toMillis(), 1) / 1000.0;
        return new ImportReport(importId, status, format, allOrNothing, rowsRead, dealsRead, dealsDone.get(),
                dealsImported.get(), dealsUnchanged.get(), dealsRefused.get(), eventsRecorded.get(), problemCount,
                List.copyOf(problems), startedAt, clock.instant(), finishedAt, Math.round(rowsRead / seconds * 10) / 10.0,
                Math.round(eventsRecorded.get() / seconds * 10) / 10.0, failure);
    }
}
