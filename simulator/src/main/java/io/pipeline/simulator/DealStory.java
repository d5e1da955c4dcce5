package io.pipeline.simulator;

import static io.pipeline.simulator.Draws.SECONDS_PER_DAY;
import static io.pipeline.simulator.Draws.chance;
import static io.pipeline.simulator.Draws.days;

import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One deal's life, planned first as time-stamped steps (stage moves, pushes, an amount change, the close and maybe a
 * reopen and a second close), then played in time order against the deal's state so that every event carries the
 * deal as it stands after it.
 *
 * <p>The outcome is drawn when the deal opens and the path leads to it: a won deal walks every stage, a lost or
 * deferred one leaves at a stage drawn uniformly. So the realized outcome rates are the configured ones, whatever
 * the stage durations, pushes and regressions.
 */
final class DealStory {

    /** What a deal starts from: a converted lead (new business) or a customer (expansion, renewal). */
    record Opening(String opportunityId, String accountId, String name, Org.Rep owner, Segment segment, String type,
                   String leadId, long openedAt) {
    }

    private static final int MAX_REGRESSIONS = 2;
    private static final int MAX_PUSHES = 4;
    private static final int MIN_PUSH_DAYS = 7;
    /** A close date is set a few days after the day the rep expects to sign: never before it. */
    private static final int CLOSE_DATE_SLACK_DAYS = 5;
    private static final List<String> DEFERRAL_REASONS = List.of("budget moved to next fiscal year",
            "reorganisation at the buyer", "project on hold", "waiting for a new executive sponsor");
    private static final BigDecimal MINIMUM_AMOUNT = new BigDecimal("100.00");

    private final Opening opening;
    private final SimulationConfig config;
    private final SalesProcessModel process;
    private final SimulationConfig.SegmentProfile profile;
    private final SplittableRandom random;
    private final DealState state;
    private final List<Step> steps = new ArrayList<>();
    private final List<OpportunityEvent> events = new ArrayList<>();

    DealStory(Opening opening, SimulationConfig config, FiscalCalendar calendar, SplittableRandom random) {
        this.opening = opening;
        this.config = config;
        this.process = opening.segment().process();
        this.profile = config.segments().get(opening.segment());
        this.random = random;
        BigDecimal amount = money(Draws.logNormal(random, profile.dealSize())).max(MINIMUM_AMOUNT);
        String currency = Weighted.pick(config.currencies(), random);
        Outcome outcome = Outcome.draw(random, config.outcomes(), true);
        int exitStage = outcome == Outcome.WON ? process.stages().size() - 1
                : random.nextInt(process.stages().size());
        long naturalClose = walkStagesTo(exitStage);
        LocalDate plannedCloseDate = date(naturalClose + days(random.nextInt(CLOSE_DATE_SLACK_DAYS + 1)));
        this.state = new DealState(opening, process, amount, currency, plannedCloseDate);
        long close = slipOrPullIn(naturalClose, plannedCloseDate, outcome, calendar);
        changeAmountBefore(close, amount);
        steps.add(new Step(close, s -> closing(s, outcome)));
        if (outcome == Outcome.DEFERRED && chance(random, config.reopening().reopenRate())) {
            reopenAfter(close, process.stage(exitStage).name());
        }
        play();
    }

    BigDecimal openingAmount() {
        return state.openingAmount;
    }

    String currency() {
        return state.openingCurrency;
    }

    LocalDate openingCloseDate() {
        return state.openingCloseDate;
    }

    List<OpportunityEvent> events() {
        return events;
    }

    /** Stage visits until the exit stage's visit ends; answers when that is. */
    private long walkStagesTo(int exitStage) {
        long t = opening.openedAt();
        int at = 0;
        int regressions = 0;
        while (true) {
            t += Math.max(60, days(Draws.gamma2(random, profile.meanDays(process.stage(at).name()))));
            if (at == exitStage) {
                return t;
            }
            if (at > 0 && regressions < MAX_REGRESSIONS && chance(random, config.regressionProbability())) {
                regressions++;
                at = moveTo(t, at - 1, false);
                continue;
            }
            int to = at + 1;
            if (process.skippingAllowed() && to < exitStage && chance(random, config.stageSkipProbability())) {
                to++;
            }
            at = moveTo(t, to, true);
        }
    }

    private int moveTo(long at, int stageIndex, boolean forward) {
        String stage = process.stage(stageIndex).name();
        steps.add(new Step(at, s -> s.moveTo(stage, forward)));
        return stageIndex;
    }

    /**
     * A slipping deal's close date is pushed shortly before it comes due, and the close waits by as much. A deal
     * that does not slip and is won just after a quarter starts may be pulled into the quarter's last days.
     */
    private long slipOrPullIn(long naturalClose, LocalDate plannedCloseDate, Outcome outcome, FiscalCalendar calendar) {
        SimulationConfig.Slippage slippage = config.slippage();
        double factor = calendar.inQuarterEnd(plannedCloseDate) ? config.quarterEnd().pushFactor() : 1;
        if (chance(random, Math.min(1, slippage.pushProbability() * factor))) {
            int pushes = 1;
            while (pushes < MAX_PUSHES && chance(random, slippage.repeatPushProbability())) {
                pushes++;
            }
            long close = naturalClose;
            LocalDate due = plannedCloseDate;
            for (int i = 0; i < pushes; i++) {
                long pushDays = Math.max(MIN_PUSH_DAYS, Math.round(Draws.exponential(random, slippage.meanPushDays())));
                long pushedAt = Math.max(opening.openedAt() + 60,
                        due.toEpochDay() * SECONDS_PER_DAY - random.nextLong(days(CLOSE_DATE_SLACK_DAYS)));
                LocalDate newDate = due.plusDays(pushDays);
                steps.add(new Step(pushedAt, s -> s.closingOn(newDate)));
                due = newDate;
                close += pushDays * SECONDS_PER_DAY;
            }
            return close;
        }
        LocalDate closeDay = date(naturalClose);
        if (outcome == Outcome.WON && calendar.inQuarterStart(closeDay)
                && chance(random, config.quarterEnd().pullInProbability())) {
            long quarterLastSecond = calendar.quarterStart(closeDay).toEpochDay() * SECONDS_PER_DAY - 1;
            long pulledIn = quarterLastSecond - random.nextLong(days(3));
            long lastStep = steps.isEmpty() ? opening.openedAt() : steps.get(steps.size() - 1).at();
            if (pulledIn > lastStep) {
                return pulledIn;
            }
        }
        return naturalClose;
    }

    private void changeAmountBefore(long close, BigDecimal amount) {
        SimulationConfig.AmountChanges changes = config.amountChanges();
        if (chance(random, changes.probability())) {
            long at = opening.openedAt() + random.nextLong(Math.max(1, close - opening.openedAt()));
            BigDecimal changed = money(amount.doubleValue()
                    * StrictMath.exp(changes.sigma() * Draws.gaussian(random))).max(MINIMUM_AMOUNT);
            steps.add(new Step(at, s -> s.worth(changed)));
        }
    }

    /** The buyer comes back to the stage it left from; the second close is never another deferral. */
    private void reopenAfter(long close, String stage) {
        long reopenAt = close + Math.max(SECONDS_PER_DAY,
                days(Draws.exponential(random, config.reopening().meanDaysUntilReopen())));
        long secondClose = reopenAt + Math.max(3600, days(Draws.gamma2(random, profile.meanDays(stage))));
        LocalDate closeDate = date(secondClose + days(random.nextInt(CLOSE_DATE_SLACK_DAYS + 1)));
        steps.add(new Step(reopenAt, s -> s.reopen(stage, closeDate)));
        Outcome second = Outcome.draw(random, config.outcomes(), false);
        steps.add(new Step(secondClose, s -> closing(s, second)));
    }

    private OpportunityEvent closing(DealState deal, Outcome outcome) {
        return switch (outcome) {
            case WON -> deal.close(SalesProcessModel.CLOSED_WON, "WON", (snapshot, previous) ->
                    new OpportunityEvent.DealClosedWon(snapshot, previous.stage(), previous.forecastCategory(),
                            deal.at, deal.ownerId));
            case LOST_TO_COMPETITION -> {
                String competitor = Weighted.pick(config.outcomes().competitors(), random);
                yield deal.close(SalesProcessModel.CLOSED_LOST, "LOST", (snapshot, previous) ->
                        new OpportunityEvent.DealClosedLost(snapshot, "COMPETITION", competitor, previous.stage(),
                                previous.forecastCategory(), deal.at, deal.ownerId));
            }
            case LOST_NO_DECISION -> deal.close(SalesProcessModel.CLOSED_LOST, "LOST", (snapshot, previous) ->
                    new OpportunityEvent.DealClosedLost(snapshot, "NO_DECISION", null, previous.stage(),
                            previous.forecastCategory(), deal.at, deal.ownerId));
            case DEFERRED -> {
                String reason = Draws.oneOf(random, DEFERRAL_REASONS);
                yield deal.close(SalesProcessModel.CLOSED_DEFERRED, "DEFERRED", (snapshot, previous) ->
                        new OpportunityEvent.DealDeferred(snapshot, previous.stage(), previous.forecastCategory(),
                                reason, deal.at, deal.ownerId));
            }
        };
    }

    /** Plays the steps in time order; a stable sort keeps steps of the same second in the order planned. */
    private void play() {
        events.add(new OpportunityEvent.OpportunityOpened(state.snapshot(), opening.leadId(),
                Instant.ofEpochSecond(opening.openedAt()), opening.owner().id()));
        steps.sort(Comparator.comparingLong(Step::at));
        for (Step step : steps) {
            state.at = Instant.ofEpochSecond(step.at());
            events.add(step.change().apply(state));
        }
    }

    static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }

    static LocalDate date(long epochSecond) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
    }

    private record Step(long at, Function<DealState, OpportunityEvent> change) {
    }

    /** The deal as it stands while the steps play; each change answers the event that records it. */
    private static final class DealState {
        final Opening opening;
        final SalesProcessModel process;
        final String ownerId;
        final BigDecimal openingAmount;
        final String openingCurrency;
        final LocalDate openingCloseDate;
        BigDecimal amount;
        LocalDate closeDate;
        String stage;
        String status = "OPEN";
        Instant at;

        DealState(Opening opening, SalesProcessModel process, BigDecimal amount, String currency,
                  LocalDate closeDate) {
            this.opening = opening;
            this.process = process;
            this.ownerId = opening.owner().id();
            this.openingAmount = amount;
            this.openingCurrency = currency;
            this.openingCloseDate = closeDate;
            this.amount = amount;
            this.closeDate = closeDate;
            this.stage = process.stage(0).name();
        }

        Deal snapshot() {
            return new Deal(opening.opportunityId(), opening.accountId(), opening.name(), ownerId,
                    opening.owner().teamId(), opening.owner().regionId(), opening.segment().name(), opening.type(),
                    process.id(), process.version(), amount, openingCurrency, closeDate, stage,
                    process.categoryOf(stage), status, true);
        }

        OpportunityEvent moveTo(String newStage, boolean forward) {
            Deal previous = snapshot();
            stage = newStage;
            return forward
                    ? new OpportunityEvent.StageAdvanced(snapshot(), previous.stage(), previous.forecastCategory(), at, ownerId)
                    : new OpportunityEvent.StageRegressed(snapshot(), previous.stage(), previous.forecastCategory(), at, ownerId);
        }

        OpportunityEvent closingOn(LocalDate newDate) {
            LocalDate previous = closeDate;
            closeDate = newDate;
            return new OpportunityEvent.CloseDateChanged(snapshot(), previous, at, ownerId);
        }

        OpportunityEvent worth(BigDecimal newAmount) {
            BigDecimal previous = amount;
            amount = newAmount;
            return new OpportunityEvent.AmountChanged(snapshot(), previous, openingCurrency, at, ownerId);
        }

        /** Closing sets the close date to the business date (UTC) of the close, as opportunity-service does. */
        OpportunityEvent close(String closingStage, String newStatus,
                               java.util.function.BiFunction<Deal, Deal, OpportunityEvent> event) {
            Deal previous = snapshot();
            stage = closingStage;
            status = newStatus;
            closeDate = date(at.getEpochSecond());
            return event.apply(snapshot(), previous);
        }

        OpportunityEvent reopen(String backTo, LocalDate newCloseDate) {
            String previousStatus = status;
            stage = backTo;
            status = "OPEN";
            closeDate = newCloseDate;
            return new OpportunityEvent.DealReopened(snapshot(), previousStatus, at, ownerId);
        }
    }
}
