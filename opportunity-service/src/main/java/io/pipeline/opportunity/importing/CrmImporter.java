package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.config.OpportunitySettings;
import io.pipeline.opportunity.process.JdbcSalesProcessCatalog;
import io.pipeline.platform.problem.NotFoundException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Imports a CRM's deals with their history: reads the files, then a batch of deals at a time plans each deal's
 * commands ({@link HistoryPlanner}) and runs them, with their original business times, through the aggregate's
 * own command handlers in memory, appending the batch's events in one transaction ({@link BulkDealWriter}); so
 * the events are exactly those a live deal records and the relay and forecast-service treat them alike.
 *
 * <p>Imports run in the background one at a time (two imports of the same deals must not interleave); within one,
 * batches are planned in parallel and appended one after the other, each deal's commands in order. Re-importing
 * is safe: a deal's stored events are
 * compared with its plan, and only the missing tail is sent (nothing, for the same files; the rest, for an import
 * cut short). A deal whose stored events differ from the plan is left alone and reported.
 */
@Service
public class CrmImporter {

    private static final Logger log = LoggerFactory.getLogger(CrmImporter.class);

    private final JdbcSalesProcessCatalog processes;
    private final ImportRuns runs;
    private final ImportSettings settings;
    private final OpportunitySettings opportunitySettings;
    private final Clock clock;
    private final ExecutorService imports = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("crm-import-"));
    private final ExecutorService deals;
    private final Map<String, ImportProgress> running = new ConcurrentHashMap<>();
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private volatile BulkDealWriter writer;

    public CrmImporter(JdbcSalesProcessCatalog processes, ImportRuns runs, ImportSettings settings,
                       OpportunitySettings opportunitySettings, Clock clock,
                       ObjectProvider<org.axonframework.config.Configuration> axon, EventStorageEngine storage,
                       JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.processes = processes;
        this.runs = runs;
        this.settings = settings;
        this.opportunitySettings = opportunitySettings;
        this.clock = clock;
        this.axon = axon;
        this.storage = storage;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.deals = Executors.newFixedThreadPool(settings.parallelism(),
                new CustomizableThreadFactory("crm-import-batch-"));
    }

    /** Queues the import and answers its first report (QUEUED); follow it with {@link #report}. */
    public ImportReport start(ImportRequest request) {
        String importId = UUID.randomUUID().toString();
        ImportProgress progress = new ImportProgress(importId, request.format(), request.allOrNothing(),
                settings.problemsKept(), clock);
        running.put(importId, progress);
        runs.save(progress.report());
        imports.submit(() -> run(request, progress));
        return progress.report();
    }

    /** This instance's live counters while it runs the import, else the stored report. */
    public ImportReport report(String importId) {
        ImportProgress live = running.get(importId);
        if (live != null) {
            return live.report();
        }
        return runs.find(importId).orElseThrow(() -> new NotFoundException("import", importId));
    }

    private void run(ImportRequest request, ImportProgress progress) {
        try {
            if (writer == null) {
                // Axon's configuration is complete only once the application runs, not when this bean is made
                writer = new BulkDealWriter(axon.getObject(), storage, jdbc, transactions);
            }
            progress.status(ImportStatus.READING);
            Optional<Planned> planned = plan(request, progress);
            if (planned.isEmpty()) {
                progress.finish(ImportStatus.REJECTED, null);
            } else {
                try (DealParts parts = planned.get().parts()) {
                    progress.status(ImportStatus.IMPORTING);
                    runs.save(progress.report());
                    send(planned.get(), progress, request.allOrNothing());
                    progress.finish(ImportStatus.DONE, null);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            log.error("Import {} failed", progress.report().importId(), e);
            progress.finish(ImportStatus.FAILED, e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            request.deleteFiles();
            ImportReport last = progress.report();
            runs.save(last);
            running.remove(last.importId());
            log.info("Import {} {}: {} rows, {} deals ({} imported, {} unchanged, {} refused), {} events, {} problems,"
                            + " {} rows/s, {} events/s", last.importId(), last.status(), last.rowsRead(), last.dealsRead(),
                    last.dealsImported(), last.dealsUnchanged(), last.dealsRefused(), last.eventsRecorded(),
                    last.problemCount(), last.rowsPerSecond(), last.eventsPerSecond());
            log.info("Import {} time: reading the files {} ms, planning and replaying on the aggregate {} ms (summed"
                            + " over the batch threads), appending {} ms (one batch at a time)", last.importId(),
                    progress.readingNanos.get() / 1_000_000, progress.replayNanos.get() / 1_000_000,
                    progress.appendNanos.get() / 1_000_000);
        }
    }

    /** The reading and the planner, or empty when nothing may go in (a bad mapping; any bad row with all-or-nothing). */
    private Optional<Planned> plan(ImportRequest request, ImportProgress progress) {
        List<ImportProblem> setupProblems = new ArrayList<>();
        StageMapping stages = StageMapping.ownStageNames();
        if (request.stages() != null) {
            StageMapping.Result parsed = StageMapping.parse(request.stages(), processes::latest);
            stages = parsed.mapping();
            setupProblems.addAll(parsed.problems());
        }
        OwnerMapping owners = OwnerMapping.none();
        if (request.owners() != null) {
            OwnerMapping.Result parsed = OwnerMapping.parse(request.owners());
            owners = parsed.mapping();
            setupProblems.addAll(parsed.problems());
        }
        FieldMapping fields = FieldMapping.none();
        if (request.fields() != null) {
            FieldMapping.Result parsed = FieldMapping.parse(request.fields());
            fields = parsed.mapping();
            setupProblems.addAll(parsed.problems());
        }
        if (!setupProblems.isEmpty()) {
            progress.problems(setupProblems);
            return Optional.empty();
        }
        // a bad rate row is left out and reported; only deals that needed it are refused, for want of a rate
        DatedRates rates = null;
        List<ImportProblem> rateProblems = List.of();
        if (request.rates() != null) {
            DatedRates.Result parsed = DatedRates.parse(request.rates(), opportunitySettings.reportingCurrency(),
                    opportunitySettings.businessZone());
            rates = parsed.rates();
            rateProblems = parsed.problems();
            progress.problems(rateProblems);
        }
        long splitStarted = System.nanoTime();
        DealParts parts = DealParts.split(inputs(request), settings.partSize().toBytes());
        progress.readingNanos.addAndGet(System.nanoTime() - splitStarted);
        progress.problems(parts.problems());
        HistoryPlanner planner = new HistoryPlanner(stages, owners, processes::forNewDeal, new HistoryPlanner.Settings(
                request.format(), request.defaultSegment(), request.currency(), opportunitySettings.businessZone(),
                request.actor(), rates));
        Planned planned = new Planned(parts, reader(request.format(), stages, fields, parts), planner);
        if (request.allOrNothing()) {
            // a first pass, a part at a time as the import's, that keeps only whether every deal would go in: the
            // parts are read and the plans made again by the import
            boolean anyError = !parts.problems().isEmpty() || !rateProblems.isEmpty();
            for (int part = 0; part < parts.count(); part++) {
                ReadResult read = planned.read(part, progress);
                progress.read(read.rows(), read.deals().size());
                progress.problems(read.problems());
                anyError |= !read.problems().isEmpty();
                for (List<DealHistory> batch : batches(read.deals(), settings.batchDeals())) {
                    List<DealPlan> plans = batch.stream().map(planner::plan).toList();
                    for (DealPlan plan : plans) {
                        progress.problems(plan.problems());
                        anyError |= !plan.importable();
                    }
                    anyError |= anyConflict(plans, progress);
                }
            }
            if (anyError) {
                progress.dealsRefused.set(progress.report().dealsRead());
                parts.close();
                return Optional.empty();
            }
        }
        return Optional.of(planned);
    }

    /** The deal files as {@link DealParts} splits them: what each needs, and the column naming its deal. */
    private static List<DealParts.Input> inputs(ImportRequest request) {
        return switch (request.format()) {
            case SALESFORCE -> List.of(
                    new DealParts.Input(request.opportunities(), SalesforceReader.OPPORTUNITY_COLUMNS, List.of("id")),
                    new DealParts.Input(request.history(), SalesforceReader.HISTORY_COLUMNS,
                            List.of("opportunityid")),
                    new DealParts.Input(request.fieldHistory(), SalesforceReader.FIELD_HISTORY_COLUMNS,
                            List.of("opportunityid")));
            case HUBSPOT -> List.of(new DealParts.Input(request.deals(), HubSpotReader.COLUMNS, HubSpotReader.ID_COLUMNS));
            case PIPELINE -> List.of(new DealParts.Input(request.deals(), PipelineCsvReader.COLUMNS, List.of("dealid")));
        };
    }

    /** Reads one part of the files into deals; a part whose deal file was not readable gives none. */
    private PartReader reader(ImportFormat format, StageMapping stages, FieldMapping fields, DealParts parts) {
        ZoneId zone = opportunitySettings.businessZone();
        PartReader read = switch (format) {
            case SALESFORCE -> {
                SalesforceReader salesforce = new SalesforceReader(stages, fields, zone);
                yield part -> salesforce.read(parts.part(0, part), parts.part(1, part), parts.part(2, part));
            }
            case HUBSPOT -> {
                HubSpotReader hubSpot = new HubSpotReader(stages, zone);
                yield part -> hubSpot.read(parts.part(0, part));
            }
            case PIPELINE -> {
                PipelineCsvReader own = new PipelineCsvReader(zone);
                yield part -> own.read(parts.part(0, part));
            }
        };
        return part -> parts.part(0, part) == null ? new ReadResult(List.of(), List.of(), 0) : read.read(part);
    }

    @FunctionalInterface
    private interface PartReader {
        ReadResult read(int part);
    }

    /** The files' parts, how each is read, and how a deal becomes its commands; one part in memory at a time. */
    private record Planned(DealParts parts, PartReader reader, HistoryPlanner planner) {

        ReadResult read(int part, ImportProgress progress) {
            long started = System.nanoTime();
            ReadResult read = reader.read(part);
            progress.readingNanos.addAndGet(System.nanoTime() - started);
            return read;
        }
    }

    private static List<List<DealHistory>> batches(List<DealHistory> deals, int size) {
        List<List<DealHistory>> batches = new ArrayList<>();
        for (int from = 0; from < deals.size(); from += size) {
            batches.add(deals.subList(from, Math.min(deals.size(), from + size)));
        }
        return batches;
    }

    /** All-or-nothing: a deal already here with another history would be refused, so the import must not start. */
    private boolean anyConflict(List<DealPlan> plans, ImportProgress progress) {
        Map<String, List<String>> stored = writer.storedEvents(plans.stream()
                .map(p -> p.history().opportunityId()).filter(Objects::nonNull).toList());
        boolean conflict = false;
        for (DealPlan plan : plans) {
            Optional<ImportProblem> problem = conflict(plan,
                    stored.getOrDefault(plan.history().opportunityId(), List.of()));
            problem.ifPresent(p -> progress.problems(List.of(p)));
            conflict |= problem.isPresent();
        }
        return conflict;
    }

    private void send(Planned planned, ImportProgress progress, boolean problemsReported)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(settings.parallelism());
        List<Future<?>> batches = new ArrayList<>();
        long lastLog = System.nanoTime();
        long nextLogAt = settings.progressEveryDeals();
        for (int part = 0; part < planned.parts().count(); part++) {
            ReadResult read = planned.read(part, progress);
            if (!problemsReported) {
                progress.read(read.rows(), read.deals().size());
                progress.problems(read.problems());
            }
            for (List<DealHistory> batch : batches(read.deals(), settings.batchDeals())) {
                inFlight.acquire();
                batches.add(deals.submit(() -> {
                    try {
                        importBatch(batch, planned.planner(), progress, problemsReported);
                    } finally {
                        inFlight.release();
                    }
                }));
                if (progress.dealsDone.get() >= nextLogAt
                        || System.nanoTime() - lastLog > settings.progressInterval().toNanos()) {
                    lastLog = System.nanoTime();
                    nextLogAt = progress.dealsDone.get() + settings.progressEveryDeals();
                    logProgress(progress);
                }
            }
            // finished batches are checked and let go, so a long import does not keep a future per batch
            checkFinished(batches);
        }
        inFlight.acquire(settings.parallelism());
        inFlight.release(settings.parallelism());
        checkFinished(batches);
    }

    /** Drops the finished batches, throwing what the first failed one threw. */
    private static void checkFinished(List<Future<?>> batches) throws InterruptedException {
        for (Iterator<Future<?>> each = batches.iterator(); each.hasNext(); ) {
            Future<?> batch = each.next();
            if (batch.isDone()) {
                try {
                    batch.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
                each.remove();
            }
        }
    }

    private void logProgress(ImportProgress progress) {
        ImportReport report = progress.report();
        runs.save(report);
        log.info("Import {}: {}/{} deals, {} events, {} problems, {} events/s", report.importId(),
                report.dealsDone(), report.dealsRead(), report.eventsRecorded(), report.problemCount(),
                report.eventsPerSecond());
    }

    /**
     * Plans the batch's deals, compares each with what is stored (one query), replays the missing tail of each on
     * the aggregate in memory and appends the batch in one transaction. When that transaction fails (a live
     * command on one of the deals meanwhile), each deal is tried again on its own, so one deal cannot keep the
     * others out.
     */
    private void importBatch(List<DealHistory> batch, HistoryPlanner planner, ImportProgress progress,
                             boolean problemsReported) {
        long planningStarted = System.nanoTime();
        List<DealPlan> plans = batch.stream().map(planner::plan).toList();
        progress.replayNanos.addAndGet(System.nanoTime() - planningStarted);
        if (!problemsReported) {
            plans.forEach(plan -> progress.problems(plan.problems()));
        }
        try {
            write(plans, progress);
        } catch (DataAccessException | org.axonframework.modelling.command.ConcurrencyException batchFailed) {
            log.warn("Import {}: a batch of {} deals failed to append ({}); its deals go one by one",
                    progress.importId(), plans.size(), batchFailed.toString());
            for (DealPlan plan : plans) {
                write(List.of(plan), progress);
            }
        }
    }

    private void write(List<DealPlan> plans, ImportProgress progress) {
        long replayStarted = System.nanoTime();
        Map<String, List<String>> stored = writer.storedEvents(plans.stream().filter(DealPlan::importable)
                .map(p -> p.history().opportunityId()).toList());
        List<BulkDealWriter.DealOutcome> outcomes = new ArrayList<>();
        long refused = 0;
        long unchanged = 0;
        List<ImportProblem> problems = new ArrayList<>();
        for (DealPlan plan : plans) {
            if (!plan.importable()) {
                refused++;
                continue;
            }
            List<String> storedTypes = stored.getOrDefault(plan.history().opportunityId(), List.of());
            Optional<ImportProblem> conflict = conflict(plan, storedTypes);
            if (conflict.isPresent()) {
                problems.add(conflict.get());
                refused++;
                continue;
            }
            if (storedTypes.size() >= plan.commands().size()) {
                unchanged++;
                continue;
            }
            BulkDealWriter.DealOutcome outcome = writer.replay(plan, storedTypes.size(), progress.importId());
            outcome.refusal().ifPresent(problems::add);
            outcomes.add(outcome);
        }
        long appendStarted = System.nanoTime();
        progress.replayNanos.addAndGet(appendStarted - replayStarted);
        writer.append(outcomes);
        progress.appendNanos.addAndGet(System.nanoTime() - appendStarted);
        progress.problems(problems);
        long imported = outcomes.stream().filter(o -> o.refusal().isEmpty()).count();
        progress.dealsImported.addAndGet(imported);
        progress.dealsRefused.addAndGet(refused + outcomes.size() - imported);
        progress.dealsUnchanged.addAndGet(unchanged);
        progress.eventsRecorded.addAndGet(outcomes.stream().mapToLong(o -> o.events().size()).sum());
        progress.dealsDone.addAndGet(plans.size());
    }

    /**
     * A deal already here must hold a prefix of the plan (cut short) or the whole plan, possibly followed by
     * changes made here since; anything else is another history, which an import must not overwrite.
     */
    private static Optional<ImportProblem> conflict(DealPlan plan, List<String> stored) {
        List<PlannedCommand> planned = plan.commands();
        for (int i = 0; i < Math.min(stored.size(), planned.size()); i++) {
            if (!stored.get(i).equals(planned.get(i).event().getName())) {
                return Optional.of(planned.get(i).source().error(null, "deal " + plan.history().opportunityId()
                        + " is already here with another history: its event " + (i + 1) + " is "
                        + simpleName(stored.get(i)) + ", the file gives " + planned.get(i).event().getSimpleName()
                        + "; it is left as it is"));
            }
        }
        return Optional.empty();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        imports.shutdownNow();
        deals.shutdown();
        deals.awaitTermination(10, TimeUnit.SECONDS);
    }
}
