package io.pipeline.simulator;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What a run produced, computed from its events alone, to compare with the configured rates.
 *
 * <p>Rates are over a <em>cohort</em>: the leads captured and deals opened before a cut-off. A history that stops
 * at some instant has not yet closed its latest deals, and the quick outcomes (early losses) would be
 * over-represented among the closed ones; a cut-off well before the end leaves the cohort's stories time to finish.
 *
 * @param leadsReached       per lead state, how many cohort leads reached it
 * @param firstCloses        per outcome, how many cohort deals closed that way the first time they closed
 * @param reopened           cohort deals reopened after a deferral
 * @param pushedByWindow     of the cohort deals that closed, how many had their close date pushed before closing,
 *                           keyed by whether the close date they opened with was in a quarter's last weeks
 * @param closedByWindow     of the cohort deals that closed, how many, keyed the same way
 * @param stageVisits        per "SEGMENT/stage", the visits that left the stage by a stage move (not by a close)
 */
public record SimulationSummary(long events, long leadEvents, long opportunityEvents, Map<String, Long> leadsReached,
                                long dealsOpened, long dealsStillOpen, Map<Outcome, Long> firstCloses, long reopened,
                                Map<Boolean, Long> pushedByWindow, Map<Boolean, Long> closedByWindow,
                                Map<String, StageVisits> stageVisits) {

    /** Visits of one stage: how many, and their mean length in days. */
    public record StageVisits(long visits, double meanDays) {
    }

    public long leadsReached(String state) {
        return leadsReached.getOrDefault(state, 0L);
    }

    public long dealsClosed() {
        return firstCloses.values().stream().mapToLong(Long::longValue).sum();
    }

    public Double mqlRate() {
        return ratio(leadsReached("MQL"), leadsReached("CAPTURED"));
    }

    public Double sqlRate() {
        return ratio(leadsReached("SQL"), leadsReached("MQL"));
    }

    public Double salRate() {
        return ratio(leadsReached("SAL"), leadsReached("SQL"));
    }

    public Double conversionRate() {
        return ratio(leadsReached("CONVERTED"), leadsReached("SAL"));
    }

    public Double outcomeRate(Outcome outcome) {
        return ratio(firstCloses.getOrDefault(outcome, 0L), dealsClosed());
    }

    /** DOMAIN.md figure 5: won / (won + lost to competition). */
    public Double winRate() {
        long won = firstCloses.getOrDefault(Outcome.WON, 0L);
        return ratio(won, won + firstCloses.getOrDefault(Outcome.LOST_TO_COMPETITION, 0L));
    }

    public Double reopenRate() {
        return ratio(reopened, firstCloses.getOrDefault(Outcome.DEFERRED, 0L));
    }

    public Double pushShare() {
        return ratio(pushedByWindow.values().stream().mapToLong(Long::longValue).sum(), dealsClosed());
    }

    public Double pushShare(boolean plannedInQuarterEnd) {
        return ratio(pushedByWindow.getOrDefault(plannedInQuarterEnd, 0L),
                closedByWindow.getOrDefault(plannedInQuarterEnd, 0L));
    }

    /** Division by zero gives no value, as in DOMAIN.md. */
    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    public static SimulationSummary of(Iterable<? extends IntegrationEvent> events, SimulationConfig config,
                                       Instant cohortBefore) {
        Accumulator accumulator = new Accumulator(config, cohortBefore);
        events.forEach(accumulator);
        return accumulator.result();
    }

    /** Lines for a person: counts, realized rates and stage times. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "events: %d (lead %d, opportunity %d)%n", events, leadEvents,
                opportunityEvents));
        text.append(String.format(Locale.ROOT, "leads: %s%n", leadsReached));
        text.append(String.format(Locale.ROOT, "lead rates: MQL %s, SQL %s, SAL %s, conversion %s%n",
                percent(mqlRate()), percent(sqlRate()), percent(salRate()), percent(conversionRate())));
        text.append(String.format(Locale.ROOT, "deals: %d opened, %d closed, %d still open; first closes %s%n",
                dealsOpened, dealsClosed(), dealsStillOpen, firstCloses));
        text.append(String.format(Locale.ROOT,
                "deal rates: won %s, lost to competition %s, no decision %s, deferred %s, win rate %s, reopened %s%n",
                percent(outcomeRate(Outcome.WON)), percent(outcomeRate(Outcome.LOST_TO_COMPETITION)),
                percent(outcomeRate(Outcome.LOST_NO_DECISION)), percent(outcomeRate(Outcome.DEFERRED)),
                percent(winRate()), percent(reopenRate())));
        text.append(String.format(Locale.ROOT, "pushed: %s of closed deals (%s planned in a quarter's last weeks, %s"
                + " otherwise)%n", percent(pushShare()), percent(pushShare(true)), percent(pushShare(false))));
        stageVisits.forEach((stage, visits) -> text.append(String.format(Locale.ROOT,
                "  %-32s %7d visits, mean %.1f days%n", stage, visits.visits(), visits.meanDays())));
        return text.toString();
    }

    private static String percent(Double rate) {
        return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** Takes events one at a time, so a summary of millions of events needs no list of them. */
    public static final class Accumulator implements Consumer<IntegrationEvent> {

        private final FiscalCalendar calendar;
        private final Instant cohortBefore;
        private long events;
        private long leadEvents;
        private final Map<String, Long> leadsReached = new TreeMap<>();
        private final Map<String, Boolean> leadInCohort = new HashMap<>();
        private final Map<String, DealTrack> deals = new HashMap<>();
        private final Map<Outcome, Long> firstCloses = new EnumMap<>(Outcome.class);
        private long reopened;
        private final Map<Boolean, Long> pushedByWindow = new TreeMap<>();
        private final Map<Boolean, Long> closedByWindow = new TreeMap<>();
        private final Map<String, double[]> stageDays = new TreeMap<>();

        public Accumulator(SimulationConfig config, Instant cohortBefore) {
            this.calendar = FiscalCalendar.of(config.quarterEnd());
            this.cohortBefore = cohortBefore;
        }

        private static final class DealTrack {
            final boolean inCohort;
            final LocalDate openingCloseDate;
            Instant enteredStage;
            boolean pushed;
            boolean closedOnce;

            DealTrack(boolean inCohort, LocalDate openingCloseDate, Instant enteredStage) {
                this.inCohort = inCohort;
                this.openingCloseDate = openingCloseDate;
                this.enteredStage = enteredStage;
            }
        }

        @Override
        public void accept(IntegrationEvent event) {
            events++;
            if (event instanceof LeadEvent lead) {
                leadEvents++;
                onLead(lead);
            } else if (event instanceof OpportunityEvent deal) {
                onDeal(deal);
            }
        }

        private void onLead(LeadEvent event) {
            String id = event.lead().leadId();
            if (event instanceof LeadEvent.LeadCaptured) {
                leadInCohort.put(id, event.occurredAt().isBefore(cohortBefore));
            }
            if (!leadInCohort.getOrDefault(id, false)) {
                return;
            }
            // Recycling puts a lead back into nurture: it is not a step forward in the funnel.
            if (!(event instanceof LeadEvent.LeadNurtured) && !(event instanceof LeadEvent.LeadRecycled)) {
                leadsReached.merge(event.lead().state(), 1L, Long::sum);
            }
            if (event instanceof LeadEvent.LeadRecycled) {
                leadsReached.merge("RECYCLED", 1L, Long::sum);
            }
        }

        private void onDeal(OpportunityEvent event) {
            String id = event.deal().opportunityId();
            if (event instanceof OpportunityEvent.OpportunityOpened) {
                deals.put(id, new DealTrack(event.occurredAt().isBefore(cohortBefore), event.deal().closeDate(),
                        event.occurredAt()));
                return;
            }
            DealTrack track = deals.get(id);
            if (track == null) {
                return; // a history cut before its opening: not ours to count
            }
            if (event instanceof OpportunityEvent.StageAdvanced advanced) {
                leftStage(event, advanced.previousStage(), track);
            } else if (event instanceof OpportunityEvent.StageRegressed regressed) {
                leftStage(event, regressed.previousStage(), track);
            } else if (event instanceof OpportunityEvent.CloseDateChanged changed
                    && changed.deal().closeDate().isAfter(changed.previousCloseDate()) && !track.closedOnce) {
                track.pushed = true;
            } else if (event instanceof OpportunityEvent.DealReopened) {
                track.enteredStage = event.occurredAt();
                if (track.inCohort) {
                    reopened++;
                }
            }
            Outcome.of(event).ifPresent(outcome -> {
                if (!track.closedOnce && track.inCohort) {
                    firstCloses.merge(outcome, 1L, Long::sum);
                    boolean window = calendar.inQuarterEnd(track.openingCloseDate);
                    closedByWindow.merge(window, 1L, Long::sum);
                    if (track.pushed) {
                        pushedByWindow.merge(window, 1L, Long::sum);
                    }
                }
                track.closedOnce = true;
            });
        }

        private void leftStage(OpportunityEvent event, String stage, DealTrack track) {
            double days = (event.occurredAt().getEpochSecond() - track.enteredStage.getEpochSecond()) / 86_400.0;
            double[] sumAndCount = stageDays.computeIfAbsent(event.deal().segment() + "/" + stage, k -> new double[2]);
            sumAndCount[0] += days;
            sumAndCount[1]++;
            track.enteredStage = event.occurredAt();
        }

        public SimulationSummary result() {
            long opened = 0;
            long stillOpen = 0;
            for (DealTrack track : deals.values()) {
                if (track.inCohort) {
                    opened++;
                    stillOpen += track.closedOnce ? 0 : 1;
                }
            }
            Map<String, StageVisits> visits = new TreeMap<>();
            stageDays.forEach((stage, sumAndCount) -> visits.put(stage,
                    new StageVisits((long) sumAndCount[1], sumAndCount[0] / sumAndCount[1])));
            return new SimulationSummary(events, leadEvents, events - leadEvents,
                    Collections.unmodifiableMap(new TreeMap<>(leadsReached)), opened, stillOpen,
                    Collections.unmodifiableMap(new EnumMap<>(firstCloses)), reopened,
                    Collections.unmodifiableMap(new TreeMap<>(pushedByWindow)),
                    Collections.unmodifiableMap(new TreeMap<>(closedByWindow)),
                    Collections.unmodifiableMap(visits));
        }
    }
}
