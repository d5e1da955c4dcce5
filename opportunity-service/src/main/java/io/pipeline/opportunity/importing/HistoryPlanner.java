package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.AdvanceStage;
import io.pipeline.opportunity.api.AmountChanged;
import io.pipeline.opportunity.api.ChangeAmount;
import io.pipeline.opportunity.api.ChangeCloseDate;
import io.pipeline.opportunity.api.CloseDateChanged;
import io.pipeline.opportunity.api.CloseLost;
import io.pipeline.opportunity.api.CloseWon;
import io.pipeline.opportunity.api.DealClosedLost;
import io.pipeline.opportunity.api.DealClosedWon;
import io.pipeline.opportunity.api.DealDeferred;
import io.pipeline.opportunity.api.DealReopened;
import io.pipeline.opportunity.api.DealStatus;
import io.pipeline.opportunity.api.DeferDeal;
import io.pipeline.opportunity.api.ForecastCategoryOverridden;
import io.pipeline.opportunity.api.LossReason;
import io.pipeline.opportunity.api.OpenOpportunity;
import io.pipeline.opportunity.api.OpportunityOpened;
import io.pipeline.opportunity.api.OverrideForecastCategory;
import io.pipeline.opportunity.api.OwnerReassigned;
import io.pipeline.opportunity.api.ReassignOwner;
import io.pipeline.opportunity.api.RegressStage;
import io.pipeline.opportunity.api.ReopenDeal;
import io.pipeline.opportunity.api.Segment;
import io.pipeline.opportunity.api.StageAdvanced;
import io.pipeline.opportunity.api.StageRegressed;
import io.pipeline.opportunity.process.ForecastCategory;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.Stage;
import io.pipeline.platform.problem.InvalidFieldException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a deal's observed history into the commands a live deal would have received, each at its original
 * business time: the opening, then for each observation the difference from the state before it (owner, stage,
 * amount, then the close date or the ending). It follows the aggregate's rules (the process's allowed stage
 * moves, a won deal is final, a closed deal changes only by reopening), so a plan that is made is accepted, and
 * each command records exactly one event. Pure: no I/O.
 */
final class HistoryPlanner {

    /** The reason an imported override records: the CRM's export says only that the category was set. */
    static final String OVERRIDE_REASON = "forecast category as the CRM had it";

    /** The latest version of a process by id, or of the segment's default when the id is null. */
    interface Processes {
        SalesProcess forNewDeal(String processId, String segment);
    }

    /**
     * How the import was asked for: where names and defaults come from, who is recorded as the actor, and the
     * dated conversion rates (null: amounts keep their own currency).
     */
    record Settings(ImportFormat format, Segment defaultSegment, String defaultCurrency, ZoneId zone, String actor,
                    DatedRates rates) {

        Settings(ImportFormat format, Segment defaultSegment, String defaultCurrency, ZoneId zone, String actor) {
            this(format, defaultSegment, defaultCurrency, zone, actor, null);
        }
    }

    private final StageMapping stages;
    private final OwnerMapping owners;
    private final Processes processes;
    private final Settings settings;

    HistoryPlanner(StageMapping stages, OwnerMapping owners, Processes processes, Settings settings) {
        this.stages = stages;
        this.owners = owners;
        this.processes = processes;
        this.settings = settings;
    }

    DealPlan plan(DealHistory history) {
        if (!history.readable()) {
            return new DealPlan(history, List.of(), history.problems());
        }
        List<ImportProblem> problems = new ArrayList<>(history.problems());
        Observation opening = history.observations().get(0);
        Optional<OwnerMapping.Owner> owner = owner(opening, problems);
        List<StageTarget> targets = history.observations().stream().map(o -> target(o, problems)).toList();
        if (owner.isEmpty() || problems.stream().anyMatch(ImportProblem::isError)) {
            return new DealPlan(history, List.of(), problems);
        }
        String segment = history.segment() != null ? history.segment()
                : Objects.requireNonNullElse(owner.get().segment(), settings.defaultSegment()).name();
        SalesProcess process = process(history, targets, segment, problems);
        if (process == null) {
            return new DealPlan(history, List.of(), problems);
        }
        Replay replay = new Replay(history, process, problems);
        replay.open(opening, targets.get(0), owner.get(), segment);
        for (int i = 0; i < targets.size() && problems.stream().noneMatch(ImportProblem::isError); i++) {
            replay.apply(history.observations().get(i), targets.get(i));
        }
        boolean failed = problems.stream().anyMatch(ImportProblem::isError);
        return new DealPlan(history, failed ? List.of() : replay.commands, problems);
    }

    private Optional<OwnerMapping.Owner> owner(Observation observation, List<ImportProblem> problems) {
        Optional<OwnerMapping.Owner> mapped = owners.owner(observation.owner());
        if (mapped.isEmpty() && observation.team() != null && observation.region() != null) {
            return Optional.of(new OwnerMapping.Owner(observation.owner(), observation.team(), observation.region(),
                    null));
        }
        if (mapped.isEmpty()) {
            OwnerMapping.Owner placeholder = new OwnerMapping.Owner(ImportedIds.unmappedOwner(observation.owner()),
                    ImportedIds.UNMAPPED, ImportedIds.UNMAPPED, null);
            problems.add(observation.source().notice(settings.format().ownerColumn(), "owner '" + observation.owner()
                    + "' is not in the owner mapping (crm_owner,rep_id,team_id,region_id,segment): imported under rep '"
                    + placeholder.repId() + "', team and region '" + ImportedIds.UNMAPPED + "'"));
            return Optional.of(placeholder);
        }
        return mapped;
    }

    private StageTarget target(Observation observation, List<ImportProblem> problems) {
        if (observation.stage() == null) {
            return null;
        }
        Optional<StageTarget> target = stages.target(observation.stage());
        if (target.isEmpty()) {
            problems.add(observation.source().error(settings.format().stageColumn(),
                    "stage " + StageMapping.describe(observation.stage()) + " is not in the stage mapping"));
        }
        return target.orElse(null);
    }

    /** The process named by the deal's mapped stages (one only), else the segment's default; every stage in it. */
    private SalesProcess process(DealHistory history, List<StageTarget> targets, String segment,
                                 List<ImportProblem> problems) {
        List<String> named = targets.stream().filter(t -> t instanceof StageTarget.Open open && open.processId() != null)
                .map(t -> ((StageTarget.Open) t).processId()).distinct().toList();
        if (named.size() > 1) {
            problems.add(history.source().error(settings.format().stageColumn(),
                    "the deal's stages map to more than one process: " + named));
            return null;
        }
        SalesProcess process;
        try {
            process = processes.forNewDeal(named.isEmpty() ? null : named.get(0), segment);
        } catch (InvalidFieldException e) {
            problems.add(history.source().error(settings.format().stageColumn(), e.getMessage()));
            return null;
        }
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) instanceof StageTarget.Open open && process.stage(open.stage()).isEmpty()) {
                problems.add(history.observations().get(i).source().error(settings.format().stageColumn(), "'"
                        + open.stage() + "' is not a stage of process " + process.id() + " v" + process.version()
                        + "; its stages are " + process.stageNames()));
            }
        }
        return problems.stream().anyMatch(ImportProblem::isError) ? null : process;
    }

    /** The deal as the aggregate would hold it, moved along by the commands it emits. */
    private final class Replay {

        private final DealHistory history;
        private final SalesProcess process;
        private final List<ImportProblem> problems;
        private final List<PlannedCommand> commands = new ArrayList<>();
        private DealStatus status = DealStatus.OPEN;
        private String stage;
        /** The deal's forecast category here: its stage's, until an override. */
        private String category;
        private String stageBeforeClose;
        /** The amount and currency as the CRM gave them, to see what changed. */
        private BigDecimal amount;
        private String currency;
        /** The amount last recorded here: converted at its event's date when the import has dated rates. */
        private BigDecimal recordedAmount;
        private LocalDate closeDate;
        private OwnerMapping.Owner owner;
        /** The owner as the CRM names it: the same name again is no change (and no second notice). */
        private String crmOwner;
        private CsvRow current;

        Replay(DealHistory history, SalesProcess process, List<ImportProblem> problems) {
            this.history = history;
            this.process = process;
            this.problems = problems;
        }

        private String id() {
            return history.opportunityId();
        }

        void open(Observation opening, StageTarget target, OwnerMapping.Owner openingOwner, String segment) {
            Stage first = target instanceof StageTarget.Open open ? process.requireStage("stage", open.stage())
                    : process.firstQualifiedStage();
            stage = first.name();
            amount = opening.amount();
            currency = Objects.requireNonNullElse(opening.currency(), settings.defaultCurrency());
            closeDate = opening.closeDate();
            owner = openingOwner;
            crmOwner = opening.owner();
            current = opening.source();
            recordedAmount = recorded(opening);
            if (recordedAmount == null) {
                return;
            }
            emit(new OpenOpportunity(id(), history.accountId(), history.name(), owner.repId(), owner.teamId(),
                    owner.regionId(), segment, history.type(), process.id(), process.version(), recordedAmount,
                    recordedCurrency(),
                    closeDate, stage, first.category().name(), process.isQualifiedAt(stage), null, opening.at(),
                    settings.actor()), OpportunityOpened.class);
            // a category of the opening that differs is overridden when the opening is applied as the first state
            category = first.category().name();
        }

        void apply(Observation change, StageTarget target) {
            current = change.source();
            reassign(change);
            if (status == DealStatus.OPEN) {
                if (target instanceof StageTarget.Open open) {
                    moveTo(change, process.requireStage("stage", open.stage()));
                }
                changeAmount(change);
                if (target instanceof StageTarget.Closing closing) {
                    close(change, closing);
                } else {
                    changeCloseDate(change);
                    overrideCategory(change);
                }
            } else if (status == DealStatus.WON) {
                if (target != null && !(target instanceof StageTarget.Closing c && c.outcome() == DealStatus.WON)) {
                    problems.add(change.source().error(settings.format().stageColumn(),
                            "the deal was won before; a won deal is final here and cannot become '" + change.stage() + "'"));
                } else {
                    ignoreChangesWhileClosed(change);
                }
            } else if (target instanceof StageTarget.Open open) {
                reopen(change, process.requireStage("stage", open.stage()));
                changeAmount(change);
            } else if (target instanceof StageTarget.Closing closing && closing.outcome() != status) {
                reopen(change, process.requireStage("stage", stageBeforeClose));
                close(change, closing);
            } else {
                ignoreChangesWhileClosed(change);
            }
        }

        private void reassign(Observation change) {
            if (change.owner() == null || change == history.observations().get(0) || change.owner().equals(crmOwner)) {
                return;
            }
            crmOwner = change.owner();
            Optional<OwnerMapping.Owner> next = owner(change, problems);
            if (next.isEmpty() || sameOwner(next.get())) {
                return;
            }
            if (status != DealStatus.OPEN) {
                problems.add(change.source().ignored(settings.format().ownerColumn(),
                        "a closed deal keeps its owner; the new owner is not imported"));
                return;
            }
            owner = next.get();
            emit(new ReassignOwner(id(), owner.repId(), owner.teamId(), owner.regionId(), null, change.at(),
                    settings.actor()), OwnerReassigned.class);
        }

        private boolean sameOwner(OwnerMapping.Owner other) {
            return owner.repId().equals(other.repId()) && owner.teamId().equals(other.teamId())
                    && owner.regionId().equals(other.regionId());
        }

        private void moveTo(Observation change, Stage target) {
            if (target.name().equals(stage)) {
                return;
            }
            if (process.advancesFrom(stage).contains(target)) {
                emit(new AdvanceStage(id(), target.name(), null, change.at(), settings.actor()), StageAdvanced.class);
            } else if (process.regressionsFrom(stage).contains(target)) {
                emit(new RegressStage(id(), target.name(), null, change.at(), settings.actor()), StageRegressed.class);
            } else {
                problems.add(change.source().error(settings.format().stageColumn(), "cannot move from '" + stage
                        + "' to '" + target.name() + "': process " + process.id() + " v" + process.version()
                        + " allows only the next stage; map to a process that allows skipping, or add the stages between"));
                return;
            }
            stage = target.name();
            category = target.category().name();
        }

        /**
         * The CRM's category differs from the deal's here (the stage's, after a move): the rep overrode it then,
         * within the rules a live override follows (at most one step above the stage's, any below, or OMITTED); an
         * override beyond them is left out and reported, as the deal is still right without it.
         */
        private void overrideCategory(Observation change) {
            String wanted = change.forecastCategory();
            if (status != DealStatus.OPEN || wanted == null || wanted.equals(category)) {
                return;
            }
            ForecastCategory stageCategory = process.requireStage("stage", stage).category();
            if (!stageCategory.overridesAllowed().contains(ForecastCategory.valueOf(wanted))) {
                problems.add(change.source().ignored(categoryColumn(change.source()), "forecast category " + wanted
                        + " is not allowed over stage '" + stage + "' (" + stageCategory + "; allowed: "
                        + stageCategory.overridesAllowed() + "); the deal keeps " + category));
                return;
            }
            emit(new OverrideForecastCategory(id(), wanted, OVERRIDE_REASON, null, change.at(), settings.actor()),
                    ForecastCategoryOverridden.class);
            category = wanted;
        }

        /** Where the row gave the category: a field-history row in NewValue, a deal or history row by its name. */
        private static String categoryColumn(CsvRow row) {
            return row.values().containsKey("newvalue") ? "NewValue"
                    : row.values().containsKey("forecastcategoryname") ? "ForecastCategoryName" : "ForecastCategory";
        }

        private void changeAmount(Observation change) {
            String newCurrency = Objects.requireNonNullElse(change.currency(), currency);
            if (change.amount() == null || change.amount().compareTo(amount) == 0 && newCurrency.equals(currency)) {
                return;
            }
            amount = change.amount();
            currency = newCurrency;
            BigDecimal converted = recorded(change);
            // a change the rates round away (or a currency switch worth the same) records nothing here
            if (converted == null || settings.rates() != null && converted.compareTo(recordedAmount) == 0) {
                return;
            }
            recordedAmount = converted;
            emit(new ChangeAmount(id(), recordedAmount, recordedCurrency(), null, change.at(), settings.actor()),
                    AmountChanged.class);
        }

        /**
         * The amount as it is recorded at the change's date: in the reporting currency at the rate holding then
         * when the import has dated rates (a rate moving later changes nothing recorded, as in the CRM), else as
         * given. Null, with an error on the row, when no rate holds on that date.
         */
        private BigDecimal recorded(Observation change) {
            if (settings.rates() == null) {
                return amount;
            }
            LocalDate on = LocalDate.ofInstant(change.at(), settings.zone());
            Optional<BigDecimal> converted = settings.rates().convert(amount, currency, on);
            if (converted.isEmpty()) {
                problems.add(change.source().error(settings.format().currencyColumn(), "no DatedConversionRate for "
                        + currency + " on " + on + ": the deal's amounts are converted at the rate of each change's date"));
            }
            return converted.orElse(null);
        }

        private String recordedCurrency() {
            return settings.rates() == null ? currency : settings.rates().reportingCurrency();
        }

        private void changeCloseDate(Observation change) {
            if (change.closeDate() == null || change.closeDate().equals(closeDate)) {
                return;
            }
            closeDate = change.closeDate();
            emit(new ChangeCloseDate(id(), closeDate, null, change.at(), settings.actor()), CloseDateChanged.class);
        }

        /** Closing sets the close date to the business date of the close unless the row names one, as live. */
        private void close(Observation change, StageTarget.Closing closing) {
            LocalDate closedOn = change.closeDate() != null ? change.closeDate()
                    : LocalDate.ofInstant(change.at(), settings.zone());
            switch (closing.outcome()) {
                case WON -> emit(new CloseWon(id(), closedOn, null, change.at(), settings.actor()), DealClosedWon.class);
                case LOST -> {
                    LossReason reason = Objects.requireNonNullElse(change.lostReason(), closing.reason());
                    if (reason == LossReason.COMPETITION && change.competitor() == null) {
                        problems.add(change.source().error("competitor", "a deal lost to COMPETITION names the competitor"));
                        return;
                    }
                    emit(new CloseLost(id(), reason.name(), reason == LossReason.COMPETITION ? change.competitor() : null,
                            closedOn, null, change.at(), settings.actor()), DealClosedLost.class);
                }
                case DEFERRED -> emit(new DeferDeal(id(), null, closedOn, null, change.at(), settings.actor()),
                        DealDeferred.class);
                case OPEN -> throw new IllegalStateException("an ending is never OPEN");
            }
            stageBeforeClose = stage;
            status = closing.outcome();
            closeDate = closedOn;
        }

        private void reopen(Observation change, Stage target) {
            LocalDate newCloseDate = change.closeDate() == null || change.closeDate().equals(closeDate) ? null
                    : change.closeDate();
            emit(new ReopenDeal(id(), target.name(), newCloseDate, null, change.at(), settings.actor()),
                    DealReopened.class);
            status = DealStatus.OPEN;
            stage = target.name();
            category = target.category().name();
            closeDate = newCloseDate == null ? closeDate : newCloseDate;
        }

        /** In this system a closed deal is history: later corrections of its amount or close date stay in the CRM. */
        private void ignoreChangesWhileClosed(Observation change) {
            if (change.amount() != null && change.amount().compareTo(amount) != 0) {
                problems.add(change.source().ignored(settings.format().amountColumn(), "the deal was closed; its amount stays " + amount));
            }
            if (change.closeDate() != null && !change.closeDate().equals(closeDate)) {
                problems.add(change.source().ignored(settings.format().closeDateColumn(), "the deal was closed; its close date stays " + closeDate));
            }
        }

        private void emit(Object command, Class<?> event) {
            commands.add(new PlannedCommand(command, event, current));
        }
    }
}
