package io.pipeline.forecast.bench;

import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Realistic deal histories for tests and the benchmark: deals open across a year (or {@code -Dbench.openingDays}
 * days, so a benchmark can hold years of history with a realistic number of deals per period), move through the stages
 * (Pipeline -> Best Case -> Commit), get pushed, change amount and owner, and close won, lost or deferred. Seeded,
 * so a run can be repeated; generated deal by deal so millions never sit in memory at once.
 *
 * @param region every deal's region (tests isolate themselves on the shared broker by a unique one)
 */
public record DealGenerator(String idPrefix, String region, Instant firstOpen, long seed) {

    /** An event as the relay publishes it: the event, its id and its sequence in the deal. */
    public record Generated(OpportunityEvent event, String eventId, long sequence) {
    }

    /** Over how many days the deals open: more days, fewer deals per period at the same number of events. */
    static final int OPENING_DAYS = Integer.getInteger("bench.openingDays", 365);

    static final String[][] STAGES = {{"Prospecting", "PIPELINE"}, {"Qualification", "PIPELINE"},
            {"Proposal", "BEST_CASE"}, {"Negotiation", "COMMIT"}};
    static final String[] SEGMENTS = {"SMB", "MID_MARKET", "ENTERPRISE"};
    static final String[] COMPETITORS = {"Acme", "Globex", "Initech"};

    /** Every event of deals {@code from} (inclusive) to {@code to}, {@code eventsPerDeal} each, deal by deal. */
    public void generate(int from, int to, int eventsPerDeal, Consumer<Generated> sink) {
        for (int d = from; d < to; d++) {
            deal(d, eventsPerDeal).forEach(sink);
        }
    }

    public String dealId(int d) {
        return idPrefix + "-" + d;
    }

    /** One deal's events: opened, then changes, the last one closing it (most deals close). */
    public List<Generated> deal(int d, int eventsPerDeal) {
        Random random = new Random(seed * 1_000_003L + d);
        String id = dealId(d);
        String rep = "rep-" + random.nextInt(200);
        String team = "team-" + (rep.hashCode() & 0x1f);
        Instant at = firstOpen.plus(Duration.ofMinutes(random.nextInt(OPENING_DAYS * 24 * 60)));
        LocalDate closeDate = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(30 + random.nextInt(90));
        BigDecimal amount = BigDecimal.valueOf(5_000 + random.nextInt(195_000)).setScale(2, RoundingMode.UNNECESSARY);
        Deal deal = new Deal(id, "acc-" + random.nextInt(50_000), "Deal " + id, rep, team, region,
                SEGMENTS[random.nextInt(SEGMENTS.length)], "NEW_BUSINESS", "enterprise", 1, amount, "USD", closeDate,
                STAGES[0][0], STAGES[0][1], "OPEN", false);
        List<Generated> events = new ArrayList<>(eventsPerDeal);
        events.add(new Generated(new OpportunityEvent.OpportunityOpened(deal, null, at, rep), id + "-0", 0));
        int stage = 0;
        for (int sequence = 1; sequence < eventsPerDeal; sequence++) {
            at = at.plus(Duration.ofHours(4 + random.nextInt(24 * 6)));
            boolean last = sequence == eventsPerDeal - 1;
            OpportunityEvent event;
            if (last && random.nextInt(10) < 9) {
                event = close(deal, random, at, rep);
            } else {
                int roll = random.nextInt(100);
                if (roll < 25 && stage + 1 < STAGES.length) {
                    stage++;
                    Deal moved = with(deal, STAGES[stage][0], STAGES[stage][1], deal.amount(), deal.closeDate(),
                            deal.ownerId(), "OPEN", true);
                    event = new OpportunityEvent.StageAdvanced(moved, deal.stage(), deal.forecastCategory(), at, rep);
                } else if (roll < 30 && stage > 0) {
                    stage--;
                    Deal moved = with(deal, STAGES[stage][0], STAGES[stage][1], deal.amount(), deal.closeDate(),
                            deal.ownerId(), "OPEN", deal.qualified());
                    event = new OpportunityEvent.StageRegressed(moved, deal.stage(), deal.forecastCategory(), at, rep);
                } else if (roll < 60) {
                    LocalDate pushed = deal.closeDate().plusDays(random.nextInt(10) < 8 ? 7 + random.nextInt(40)
                            : -random.nextInt(10));
                    event = new OpportunityEvent.CloseDateChanged(with(deal, deal.stage(), deal.forecastCategory(),
                            deal.amount(), pushed, deal.ownerId(), "OPEN", deal.qualified()), deal.closeDate(), at, rep);
                } else if (roll < 88) {
                    BigDecimal changed = deal.amount().multiply(BigDecimal.valueOf(80 + random.nextInt(45)))
                            .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                    event = new OpportunityEvent.AmountChanged(with(deal, deal.stage(), deal.forecastCategory(),
                            changed, deal.closeDate(), deal.ownerId(), "OPEN", deal.qualified()), deal.amount(), "USD",
                            at, rep);
                } else if (roll < 94) {
                    String category = random.nextBoolean() ? "COMMIT" : "BEST_CASE";
                    event = new OpportunityEvent.ForecastCategoryOverridden(with(deal, deal.stage(), category,
                            deal.amount(), deal.closeDate(), deal.ownerId(), "OPEN", deal.qualified()),
                            deal.forecastCategory(), "judgement", at, rep);
                } else {
                    String owner = "rep-" + random.nextInt(200);
                    event = new OpportunityEvent.OwnerReassigned(with(deal, deal.stage(), deal.forecastCategory(),
                            deal.amount(), deal.closeDate(), owner, "OPEN", deal.qualified()), deal.ownerId(),
                            deal.teamId(), deal.regionId(), at, rep);
                }
            }
            deal = event.deal();
            events.add(new Generated(event, id + "-" + sequence, sequence));
            if (!"OPEN".equals(deal.status())) {
                break;
            }
        }
        return events;
    }

    private static OpportunityEvent close(Deal deal, Random random, Instant at, String actor) {
        int roll = random.nextInt(100);
        if (roll < 50) {
            return new OpportunityEvent.DealClosedWon(with(deal, "Closed Won", "CLOSED", deal.amount(),
                    LocalDate.ofInstant(at, ZoneOffset.UTC), deal.ownerId(), "WON", true), deal.stage(),
                    deal.forecastCategory(), at, actor);
        }
        if (roll < 90) {
            boolean competition = random.nextBoolean();
            return new OpportunityEvent.DealClosedLost(with(deal, "Closed Lost", "CLOSED", deal.amount(),
                    LocalDate.ofInstant(at, ZoneOffset.UTC), deal.ownerId(), "LOST", deal.qualified()),
                    competition ? "COMPETITION" : "NO_DECISION",
                    competition ? COMPETITORS[random.nextInt(COMPETITORS.length)] : null, deal.stage(),
                    deal.forecastCategory(), at, actor);
        }
        return new OpportunityEvent.DealDeferred(with(deal, deal.stage(), "OMITTED", deal.amount(),
                deal.closeDate(), deal.ownerId(), "DEFERRED", deal.qualified()), deal.stage(),
                deal.forecastCategory(), "budget frozen", at, actor);
    }

    private static Deal with(Deal d, String stage, String category, BigDecimal amount, LocalDate closeDate,
                             String owner, String status, boolean qualified) {
        String team = owner.equals(d.ownerId()) ? d.teamId() : "team-" + (owner.hashCode() & 0x1f);
        return new Deal(d.opportunityId(), d.accountId(), d.name(), owner, team, d.regionId(), d.segment(), d.type(),
                d.processId(), d.processVersion(), amount, d.currency(), closeDate, stage, category, status,
                qualified);
    }
}
