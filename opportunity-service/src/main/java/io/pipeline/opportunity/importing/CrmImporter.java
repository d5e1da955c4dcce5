package io.pipeline.opportunity.importing;

import io.pipeline.eventsourcing.history.EventHistory;
import io.pipeline.opportunity.account.AccountDirectory;
import io.pipeline.opportunity.config.OpportunitySettings;
import io.pipeline.opportunity.process.JdbcSalesProcessCatalog;
import io.pipeline.platform.problem.NotFoundException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Imports a CRM's deals with their history: reads the files, plans each deal's commands
 * ({@link HistoryPlanner}), then sends them through the command gateway with their original business times,
 * so the events are exactly those a live deal records and the relay and forecast-service treat them alike.
 *
 * <p>Imports run in the background one at a time (two imports of the same deals must not interleave); within one,
 * deals go in parallel and each deal's commands in order. Re-importing is safe: a deal's stored events are
 * compared with its plan, and only the missing tail is sent (nothing, for the same files; the rest, for an import
 * cut short). A deal whose stored events differ from the plan is left alone and reported.
 */
@Service
public class CrmImporter {

    private static final Logger log = LoggerFactory.getLogger(CrmImporter.class);

    private final CommandGateway commands;
    private final JdbcSalesProcessCatalog processes;
    private final AccountDirectory accounts;
    private final JdbcClient jdbc;
    private final ImportRuns runs;
    private final ImportSettings settings;
    private final OpportunitySettings opportunitySettings;
    private final Clock clock;
    private final ExecutorService imports = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("crm-import-"));
    private final ExecutorService deals;
    private final Map<String, ImportProgress> running = new ConcurrentHashMap<>();

    public CrmImporter(CommandGateway commands, JdbcSalesProcessCatalog processes, AccountDirectory accounts,
                       JdbcClient jdbc, ImportRuns runs, ImportSettings settings, OpportunitySettings opportunitySettings,
                       Clock clock) {
        this.commands = commands;
        this.processes = processes;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.runs = runs;
        this.settings = settings;
        this.opportunitySettings = opportunitySettings;
        this.clock = clock;
        this.deals = Executors.newFixedThreadPool(settings.parallelism(),
                new CustomizableThreadFactory("crm-import-deal-"));
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
            progress.status(ImportStatus.READING);
            Optional<List<DealPlan>> plans = plan(request, progress);
            if (plans.isEmpty()) {
                progress.finish(ImportStatus.REJECTED, null);
            } else {
                progress.status(ImportStatus.IMPORTING);
                runs.save(progress.report());
                send(plans.get(), progress);
                progress.finish(ImportStatus.DONE, null);
            }
        } catch (RuntimeException | InterruptedException e) {
            log.error("Import {} failed", progress.report().importId(), e);
            progress.finish(ImportStatus.FAILED, e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            ImportReport last = progress.report();
            runs.save(last);
            running.remove(last.importId());
            log.info("Import {} {}: {} rows, {} deals ({} imported, {} unchanged, {} refused), {} events, {} problems,"
                            + " {} rows/s, {} events/s", last.importId(), last.status(), last.rowsRead(), last.dealsRead(),
                    last.dealsImported(), last.dealsUnchanged(), last.dealsRefused(), last.eventsRecorded(),
                    last.problemCount(), last.rowsPerSecond(), last.eventsPerSecond());
        }
    }

    /** The plans, or empty when nothing may go in (a bad mapping; any bad row with all-or-nothing). */
    private Optional<List<DealPlan>> plan(ImportRequest request, ImportProgress progress) {
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
        ReadResult read = switch (request.format()) {
            case SALESFORCE -> new SalesforceReader(stages, fields, opportunitySettings.businessZone())
                    .read(request.opportunities(), request.history(), request.fieldHistory());
            case HUBSPOT -> new HubSpotReader(stages, opportunitySettings.businessZone()).read(request.deals());
            case PIPELINE -> new PipelineCsvReader(opportunitySettings.businessZone()).read(request.deals());
        };
        progress.read(read.rows(), read.deals().size());
        progress.problems(read.problems());
        HistoryPlanner planner = new HistoryPlanner(stages, owners, processes::forNewDeal, new HistoryPlanner.Settings(
                request.format(), request.defaultSegment(), request.currency(), opportunitySettings.businessZone(),
                request.actor(), rates));
        List<DealPlan> plans = read.deals().stream().map(planner::plan).toList();
        plans.forEach(plan -> progress.problems(plan.problems()));
        boolean anyError = !read.problems().isEmpty() || !rateProblems.isEmpty() || plans.stream().anyMatch(p -> !p.importable());
        if (request.allOrNothing() && (anyError || anyConflict(plans, progress))) {
            progress.dealsRefused.set(plans.size());
            return Optional.empty();
        }
        return Optional.of(plans);
    }

    /** All-or-nothing: a deal already here with another history would be refused, so the import must not start. */
    private boolean anyConflict(List<DealPlan> plans, ImportProgress progress) {
        boolean conflict = false;
        for (DealPlan plan : plans) {
            Optional<ImportProblem> problem = conflict(plan, storedEvents(plan.history().opportunityId()));
            problem.ifPresent(p -> progress.problems(List.of(p)));
            conflict |= problem.isPresent();
        }
        return conflict;
    }

    private void send(List<DealPlan> plans, ImportProgress progress) throws InterruptedException {
        Semaphore inFlight = new Semaphore(settings.parallelism() * 2);
        long lastLog = System.nanoTime();
        long nextLogAt = settings.progressEveryDeals();
        for (DealPlan plan : plans) {
            inFlight.acquire();
            deals.submit(() -> {
                try {
                    importDeal(plan, progress);
                } finally {
                    progress.dealsDone.incrementAndGet();
                    inFlight.release();
                }
            });
            if (progress.dealsDone.get() >= nextLogAt
                    || System.nanoTime() - lastLog > settings.progressInterval().toNanos()) {
                lastLog = System.nanoTime();
                nextLogAt = progress.dealsDone.get() + settings.progressEveryDeals();
                ImportReport report = progress.report();
                runs.save(report);
                log.info("Import {}: {}/{} deals, {} events, {} problems, {} events/s", report.importId(),
                        report.dealsDone(), report.dealsRead(), report.eventsRecorded(), report.problemCount(),
                        report.eventsPerSecond());
            }
        }
        inFlight.acquire(settings.parallelism() * 2);
        inFlight.release(settings.parallelism() * 2);
    }

    private void importDeal(DealPlan plan, ImportProgress progress) {
        if (!plan.importable()) {
            progress.dealsRefused.incrementAndGet();
            return;
        }
        String id = plan.history().opportunityId();
        List<String> stored = storedEvents(id);
        Optional<ImportProblem> conflict = conflict(plan, stored);
        if (conflict.isPresent()) {
            progress.problems(List.of(conflict.get()));
            progress.dealsRefused.incrementAndGet();
            return;
        }
        if (stored.size() >= plan.commands().size()) {
            progress.dealsUnchanged.incrementAndGet();
            return;
        }
        accounts.ensure(plan.history().accountId(), plan.history().accountName(), null);
        for (PlannedCommand planned : plan.commands().subList(stored.size(), plan.commands().size())) {
            try {
                commands.sendAndWait(EventHistory.imported(planned.command(), progress.importId()));
                progress.eventsRecorded.incrementAndGet();
            } catch (RuntimeException refused) {
                progress.problems(List.of(planned.source().error(null, "the deal refused "
                        + planned.command().getClass().getSimpleName() + ": " + refused.getMessage()
                        + "; the events before it stay, fix the row and import again")));
                progress.dealsRefused.incrementAndGet();
                return;
            }
        }
        progress.dealsImported.incrementAndGet();
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

    private List<String> storedEvents(String opportunityId) {
        return jdbc.sql("select payloadtype from domainevententry where aggregateidentifier = ? order by sequencenumber")
                .param(opportunityId).query(String.class).list();
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
