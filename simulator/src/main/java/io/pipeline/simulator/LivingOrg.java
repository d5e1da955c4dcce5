package io.pipeline.simulator;

import static io.pipeline.simulator.Draws.chance;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.LeadEvent.Lead;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A simulated org after its history, living on in real time: from the leads and deals it has now, each step is one
 * change a person of the org would make (capture, nurture, qualify, accept, reject, disqualify, recycle or convert
 * a lead; open, advance, move back, push, re-price, win, lose, defer or reopen a deal; a rep's new forecast call),
 * as the API request that makes it, at business time now (live requests carry no business time).
 *
 * <p>Every step is a transition the services allow from the state the org holds (the process's next stage, or a
 * later one where SMB may skip; a close only of an open deal; a reopen only of a deferred one), and the org stays
 * the size it started at: new leads are captured only while fewer are open than at the start, new deals open only
 * while fewer than at the start (and at least {@value #MIN_DEALS_PER_REP} a rep) are open, and closes grow likelier
 * the more deals are open. The same state, seed and instants give the same steps.
 */
public final class LivingOrg {

    static final int MIN_DEALS_PER_REP = 4;
    static final int MIN_LEADS_PER_REP = 6;
    /** Closed leads kept for recycling, deferred deals kept for reopening: the oldest are forgotten beyond these. */
    static final int CLOSED_KEPT = 200;
    private static final long LIVE_KIND = 7;
    private static final List<String> REASONS_LOST_OR_DEFERRED = List.of("budget moved to next fiscal year",
            "project on hold", "waiting for a new executive sponsor");

    /** What a step did, for the demo's status line. */
    public enum Kind {
        LEAD_CAPTURED, LEAD_ADVANCED, LEAD_CLOSED, LEAD_RECYCLED, LEAD_CONVERTED, DEAL_OPENED, DEAL_ADVANCED,
        DEAL_MOVED_BACK, DEAL_PUSHED, AMOUNT_CHANGED, DEAL_WON, DEAL_LOST, DEAL_DEFERRED, DEAL_REOPENED, CALL_SUBMITTED
    }

    /** One change: the request that makes it, and the event the services will record (empty for a forecast call). */
    public record Step(Kind kind, ApiCall call, Optional<IntegrationEvent> change) {
    }

    private final SimulationConfig config;
    private final SalesPlan plan;
    private final Org org;
    private final Map<String, Org.Rep> reps = new HashMap<>();
    private final SplittableRandom random;
    private final String idPrefix;
    private final Map<String, Deal> openDeals = new LinkedHashMap<>();
    private final Deque<Deal> deferredDeals = new ArrayDeque<>();
    private final Map<String, Lead> openLeads = new LinkedHashMap<>();
    private final Deque<Lead> closedLeads = new ArrayDeque<>();
    private final Map<String, BigDecimal> wonThisQuarter = new HashMap<>();
    private final int dealTarget;
    private final int leadTarget;
    private String quarter;
    private long created;

    /**
     * @param deals     the org's deals as they stand (open, deferred, and won ones: those won this quarter count in
     *                  the reps' calls); deals of people outside the org are left alone
     * @param leads     the org's leads as they stand (open, rejected or disqualified)
     * @param startedAt now: the instant new ids and the random generator are made from, so a restart never reuses
     *                  an id
     */
    public LivingOrg(SimulationConfig config, SalesPlan plan, Collection<Deal> deals, Collection<Lead> leads,
                     Instant startedAt) {
        this.config = config;
        this.plan = plan;
        this.org = plan.org();
        org.reps().forEach(rep -> reps.put(rep.id(), rep));
        this.random = Draws.forEntity(config.seed(), LIVE_KIND, startedAt.getEpochSecond());
        this.idPrefix = Simulation.idPrefix(config) + "-live-" + Long.toString(startedAt.getEpochSecond(), 36);
        this.quarter = plan.calendar().quarterId(date(startedAt));
        for (Deal deal : deals) {
            if (!reps.containsKey(deal.ownerId())) {
                continue;
            }
            switch (deal.status()) {
                case "OPEN" -> openDeals.put(deal.opportunityId(), deal);
                case "DEFERRED" -> keep(deferredDeals, deal);
                case "WON" -> countWon(deal);
                default -> { }
            }
        }
        for (Lead lead : leads) {
            if (!reps.containsKey(lead.ownerId())) {
                continue;
            }
            switch (lead.state()) {
                case "CAPTURED", "NURTURING", "MQL", "SQL", "SAL" -> openLeads.put(lead.leadId(), lead);
                case "REJECTED", "DISQUALIFIED" -> keep(closedLeads, lead);
                default -> { }
            }
        }
        this.dealTarget = Math.max(openDeals.size(), MIN_DEALS_PER_REP * org.reps().size());
        this.leadTarget = Math.max(openLeads.size(), MIN_LEADS_PER_REP * org.reps().size());
    }

    public int openDeals() {
        return openDeals.size();
    }

    public int openLeads() {
        return openLeads.size();
    }

    /** How many deals and leads the org keeps open at most. */
    public int dealLimit() {
        return dealTarget;
    }

    public int leadLimit() {
        return leadTarget;
    }

    /** Stops acting on a lead or deal (whose change the services refused: the org's idea of it is wrong). */
    public void forget(String id) {
        openDeals.remove(id);
        openLeads.remove(id);
        deferredDeals.removeIf(deal -> deal.opportunityId().equals(id));
        closedLeads.removeIf(lead -> lead.leadId().equals(id));
    }

    /** The next change, made at {@code now}. */
    public Step next(Instant now) {
        LocalDate today = date(now);
        String currentQuarter = plan.calendar().quarterId(today);
        if (!currentQuarter.equals(quarter)) {
            quarter = currentQuarter;
            wonThisQuarter.clear();
        }
        while (true) {
            Optional<Step> step = attempt(now, today);
            if (step.isPresent()) {
                return step.get();
            }
        }
    }

    /** One draw of what happens; empty when the drawn kind of change has nothing to act on. */
    private Optional<Step> attempt(Instant now, LocalDate today) {
        double fill = (double) openDeals.size() / dealTarget;
        double roll = random.nextDouble() * 100;
        if ((roll -= 12) < 0) {
            return openLeads.size() < leadTarget ? Optional.of(captureLead(now)) : Optional.empty();
        }
        if ((roll -= 24) < 0) {
            return pickLeadToMove().map(lead -> moveLead(lead, now));
        }
        if ((roll -= 3) < 0) {
            return openLeads.size() < leadTarget
                    ? Optional.ofNullable(closedLeads.pollFirst()).map(lead -> recycle(lead, now)) : Optional.empty();
        }
        if ((roll -= 4) < 0) {
            return openDeals.size() < dealTarget ? Optional.of(openCustomerDeal(now, today)) : Optional.empty();
        }
        if ((roll -= 24) < 0) {
            return pick(openDeals).flatMap(deal -> moveDeal(deal, now));
        }
        if ((roll -= 10 * fill * fill) < 0) {
            return pick(openDeals).flatMap(deal -> close(deal, now, today));
        }
        if ((roll -= 8) < 0) {
            return pick(openDeals).map(deal -> push(deal, now, today));
        }
        if ((roll -= 3) < 0) {
            return pick(openDeals).map(deal -> reprice(deal, now));
        }
        if ((roll -= 1) < 0) {
            return openDeals.size() < dealTarget
                    ? Optional.ofNullable(deferredDeals.pollFirst()).map(deal -> reopen(deal, now, today))
                    : Optional.empty();
        }
        if ((roll -= 3) < 0) {
            return Optional.of(forecastCall(now, today));
        }
        return Optional.empty();
    }

    private Step captureLead(Instant now) {
        Org.Rep sdr = org.anyRep(random);
        Segment segment = Simulation.pickSegment(config, random);
        Lead lead = new Lead(idPrefix + "-lead-" + created++, Companies.name(random),
                Weighted.pick(config.leadSources(), random), sdr.id(), sdr.teamId(), sdr.regionId(), segment.name(),
                "CAPTURED");
        openLeads.put(lead.leadId(), lead);
        return step(Kind.LEAD_CAPTURED, new LeadEvent.LeadCaptured(lead, now, sdr.id()));
    }

    /** The lead's next step in the funnel of DOMAIN.md, with the simulation's rates of going on. */
    private Step moveLead(Lead lead, Instant now) {
        SimulationConfig.LeadFunnel funnel = config.leadFunnel();
        Org.Rep owner = reps.get(lead.ownerId());
        return switch (lead.state()) {
            case "CAPTURED" -> advance(lead, "NURTURING", l -> new LeadEvent.LeadNurtured(l, "CAPTURED", now,
                    LeadStory.MARKETING_AUTOMATION));
            case "NURTURING" -> advance(lead, "MQL", l -> new LeadEvent.LeadMarketingQualified(l,
                    60 + random.nextInt(41), now, LeadStory.MARKETING_AUTOMATION));
            case "MQL" -> chance(random, funnel.sqlRate())
                    ? advance(lead, "SQL", l -> new LeadEvent.LeadQualified(l,
                            Segment.valueOf(l.segment()).qualificationFramework(), now, owner.id()))
                    : closeLead(lead, "DISQUALIFIED", l -> new LeadEvent.LeadDisqualified(l, "MQL",
                            "no budget", now, owner.id()));
            case "SQL" -> {
                if (!chance(random, funnel.salRate())) {
                    yield closeLead(lead, "REJECTED", l -> new LeadEvent.LeadRejected(l, "SQL",
                            "not our ideal customer profile", now, owner.id()));
                }
                Org.Rep ae = org.teammateOf(owner, random);
                Lead accepted = new Lead(lead.leadId(), lead.company(), lead.source(), ae.id(), ae.teamId(),
                        ae.regionId(), lead.segment(), "SAL");
                openLeads.put(lead.leadId(), accepted);
                yield step(Kind.LEAD_ADVANCED, new LeadEvent.LeadAccepted(accepted, ae.id(), now, ae.id()));
            }
            case "SAL" -> openDeals.size() < dealTarget && chance(random, funnel.conversionRate())
                    ? convert(lead, owner, now)
                    : closeLead(lead, "DISQUALIFIED", l -> new LeadEvent.LeadDisqualified(l, "SAL",
                            "timing beyond 12 months", now, owner.id()));
            default -> throw new IllegalStateException("lead " + lead.leadId() + " is not open: " + lead.state());
        };
    }

    private Step advance(Lead lead, String state, Function<Lead, LeadEvent> event) {
        Lead moved = in(lead, state);
        openLeads.put(lead.leadId(), moved);
        return step(Kind.LEAD_ADVANCED, event.apply(moved));
    }

    private Step closeLead(Lead lead, String state, Function<Lead, LeadEvent> event) {
        Lead closed = in(lead, state);
        openLeads.remove(lead.leadId());
        keep(closedLeads, closed);
        return step(Kind.LEAD_CLOSED, event.apply(closed));
    }

    private Step recycle(Lead lead, Instant now) {
        Lead nurtured = in(lead, "NURTURING");
        openLeads.put(lead.leadId(), nurtured);
        return step(Kind.LEAD_RECYCLED, new LeadEvent.LeadRecycled(nurtured, lead.state(), now,
                LeadStory.MARKETING_AUTOMATION));
    }

    /** A converted lead opens its deal in opportunity-service, at the process's first stage. */
    private Step convert(Lead lead, Org.Rep ae, Instant now) {
        Lead converted = in(lead, "CONVERTED");
        openLeads.remove(lead.leadId());
        Segment segment = Segment.valueOf(lead.segment());
        String accountId = lead.leadId().replace("-lead-", "-acct-");
        Deal deal = newDeal(LeadStory.opportunityIdFor(lead.leadId()), accountId, lead.company() + " - new business",
                ae, segment, "NEW_BUSINESS", date(now));
        openDeals.put(deal.opportunityId(), deal);
        return step(Kind.LEAD_CONVERTED, new LeadEvent.LeadConverted(converted, deal.opportunityId(), accountId,
                lead.company(), deal.name(), deal.amount(), deal.currency(), deal.closeDate(), now, ae.id()));
    }

    private Step openCustomerDeal(Instant now, LocalDate today) {
        Org.Rep rep = org.anyRep(random);
        Simulation.Customer customer = Simulation.customer(config, rep,
                random.nextInt(config.existingBusiness().customersPerRep()));
        boolean expansion = random.nextBoolean();
        Deal deal = newDeal(idPrefix + "-deal-" + created++, customer.accountId(),
                customer.company() + (expansion ? " - expansion" : " - renewal"), rep, customer.segment(),
                expansion ? "EXPANSION" : "RENEWAL", today);
        openDeals.put(deal.opportunityId(), deal);
        return step(Kind.DEAL_OPENED, new OpportunityEvent.OpportunityOpened(deal, null, now, rep.id()));
    }

    /** Sized like the segment's deals, closing when its process would end, in the org's currencies. */
    private Deal newDeal(String id, String accountId, String name, Org.Rep owner, Segment segment, String type,
                         LocalDate today) {
        SimulationConfig.SegmentProfile profile = config.segments().get(segment);
        double cycleDays = profile.stageMeanDays().values().stream().mapToDouble(Double::doubleValue).sum();
        SalesProcessModel process = segment.process();
        String stage = process.stage(0).name();
        return new Deal(id, accountId, name, owner.id(), owner.teamId(), owner.regionId(), segment.name(), type,
                process.id(), process.version(), DealStory.money(Draws.logNormal(random, profile.dealSize()))
                .max(new BigDecimal("100.00")), Weighted.pick(config.currencies(), random),
                today.plusDays(Math.max(14, Math.round(Draws.gamma2(random, cycleDays)))), stage,
                process.categoryOf(stage), "OPEN", true);
    }

    /** Forward to the next stage (SMB may skip one), or now and then back one; a deal at the last stage waits. */
    private Optional<Step> moveDeal(Deal deal, Instant now) {
        SalesProcessModel process = SalesProcessModel.byId(deal.processId());
        int at = process.indexOf(deal.stage());
        int last = process.stages().size() - 1;
        if (at == last) {
            return Optional.empty();
        }
        if (at > 0 && chance(random, config.regressionProbability())) {
            Deal back = atStage(deal, process, at - 1);
            openDeals.put(deal.opportunityId(), back);
            return Optional.of(step(Kind.DEAL_MOVED_BACK, new OpportunityEvent.StageRegressed(back, deal.stage(),
                    deal.forecastCategory(), now, deal.ownerId())));
        }
        int to = at + 1;
        if (process.skippingAllowed() && to < last && chance(random, config.stageSkipProbability())) {
            to++;
        }
        Deal forward = atStage(deal, process, to);
        openDeals.put(deal.opportunityId(), forward);
        return Optional.of(step(Kind.DEAL_ADVANCED, new OpportunityEvent.StageAdvanced(forward, deal.stage(),
                deal.forecastCategory(), now, deal.ownerId())));
    }

    /**
     * A deal at the process's last stage closes won (three in four) or lost to a competitor; an earlier one closes
     * a quarter as often, lost to no decision or a competitor, or deferred. Closing sets the close date to today, as the
     * services do.
     */
    private Optional<Step> close(Deal deal, Instant now, LocalDate today) {
        SalesProcessModel process = SalesProcessModel.byId(deal.processId());
        boolean atLastStage = process.indexOf(deal.stage()) == process.stages().size() - 1;
        if (!atLastStage && random.nextDouble() < 0.75) {
            return Optional.empty();
        }
        openDeals.remove(deal.opportunityId());
        String owner = deal.ownerId();
        double draw = random.nextDouble();
        if (atLastStage && draw < 0.75) {
            Deal won = closed(deal, SalesProcessModel.CLOSED_WON, "WON", today);
            countWon(won);
            return Optional.of(step(Kind.DEAL_WON, new OpportunityEvent.DealClosedWon(won, deal.stage(),
                    deal.forecastCategory(), now, owner)));
        }
        if (atLastStage || draw < 0.8) {
            Deal lost = closed(deal, SalesProcessModel.CLOSED_LOST, "LOST", today);
            boolean toCompetition = atLastStage || draw < 0.3;
            return Optional.of(step(Kind.DEAL_LOST, new OpportunityEvent.DealClosedLost(lost,
                    toCompetition ? "COMPETITION" : "NO_DECISION",
                    toCompetition ? Weighted.pick(config.outcomes().competitors(), random) : null, deal.stage(),
                    deal.forecastCategory(), now, owner)));
        }
        Deal deferred = closed(deal, SalesProcessModel.CLOSED_DEFERRED, "DEFERRED", today);
        keep(deferredDeals, deferred);
        return Optional.of(step(Kind.DEAL_DEFERRED, new OpportunityEvent.DealDeferred(deferred, deal.stage(),
                deal.forecastCategory(), Draws.oneOf(random, REASONS_LOST_OR_DEFERRED), now, owner)));
    }

    /** A close date moved later: an overdue one to the coming weeks, others by one to six weeks. */
    private Step push(Deal deal, Instant now, LocalDate today) {
        LocalDate from = deal.closeDate().isBefore(today) ? today : deal.closeDate();
        Deal pushed = with(deal, deal.amount(), from.plusDays(7 + random.nextInt(36)), deal.stage(), "OPEN");
        openDeals.put(deal.opportunityId(), pushed);
        return step(Kind.DEAL_PUSHED, new OpportunityEvent.CloseDateChanged(pushed, deal.closeDate(), now,
                deal.ownerId()));
    }

    private Step reprice(Deal deal, Instant now) {
        BigDecimal amount = DealStory.money(deal.amount().doubleValue()
                * StrictMath.exp(config.amountChanges().sigma() * Draws.gaussian(random))).max(new BigDecimal("100.00"));
        Deal repriced = with(deal, amount, deal.closeDate(), deal.stage(), "OPEN");
        openDeals.put(deal.opportunityId(), repriced);
        return step(Kind.AMOUNT_CHANGED, new OpportunityEvent.AmountChanged(repriced, deal.amount(), deal.currency(),
                now, deal.ownerId()));
    }

    /** The buyer is back: the deal reopens at its process's first stage, closing in one to three months. */
    private Step reopen(Deal deal, Instant now, LocalDate today) {
        SalesProcessModel process = SalesProcessModel.byId(deal.processId());
        Deal reopened = with(deal, deal.amount(), today.plusDays(30 + random.nextInt(61)), process.stage(0).name(),
                "OPEN");
        openDeals.put(deal.opportunityId(), reopened);
        return step(Kind.DEAL_REOPENED, new OpportunityEvent.DealReopened(reopened, deal.status(), now,
                deal.ownerId()));
    }

    /** A rep updates their call for the current quarter from their deals as they stand. */
    private Step forecastCall(Instant now, LocalDate today) {
        Org.Rep rep = org.anyRep(random);
        List<Deal> inQuarter = new ArrayList<>();
        for (Deal deal : openDeals.values()) {
            if (deal.ownerId().equals(rep.id()) && plan.calendar().quarterId(deal.closeDate()).equals(quarter)) {
                inQuarter.add(deal);
            }
        }
        SalesPlan.Call call = plan.call(rep, quarter, wonThisQuarter.getOrDefault(rep.id(), BigDecimal.ZERO),
                inQuarter, now);
        return new Step(Kind.CALL_SUBMITTED, ApiCall.of(call, true), Optional.empty());
    }

    private void countWon(Deal won) {
        if (plan.calendar().quarterId(won.closeDate()).equals(quarter)) {
            wonThisQuarter.merge(won.ownerId(), plan.inReportingCurrency(won), BigDecimal::add);
        }
    }

    private Deal atStage(Deal deal, SalesProcessModel process, int index) {
        return with(deal, deal.amount(), deal.closeDate(), process.stage(index).name(), "OPEN");
    }

    private Deal closed(Deal deal, String stage, String status, LocalDate today) {
        return with(deal, deal.amount(), today, stage, status);
    }

    private static Deal with(Deal deal, BigDecimal amount, LocalDate closeDate, String stage, String status) {
        SalesProcessModel process = SalesProcessModel.byId(deal.processId());
        return new Deal(deal.opportunityId(), deal.accountId(), deal.name(), deal.ownerId(), deal.teamId(),
                deal.regionId(), deal.segment(), deal.type(), deal.processId(), deal.processVersion(), amount,
                deal.currency(), closeDate, stage, process.categoryOf(stage), status, deal.qualified());
    }

    private static Lead in(Lead lead, String state) {
        return new Lead(lead.leadId(), lead.company(), lead.source(), lead.ownerId(), lead.teamId(), lead.regionId(),
                lead.segment(), state);
    }

    /** Three times in four a lead already in the funnel (captured, MQL, SQL, SAL), else one in nurture. */
    private Optional<Lead> pickLeadToMove() {
        boolean inFunnel = random.nextDouble() < 0.75;
        List<Lead> candidates = new ArrayList<>();
        for (Lead lead : openLeads.values()) {
            if ("NURTURING".equals(lead.state()) != inFunnel) {
                candidates.add(lead);
            }
        }
        return candidates.isEmpty() ? Optional.empty()
                : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    private <T> Optional<T> pick(Map<String, T> items) {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        int index = random.nextInt(items.size());
        for (T item : items.values()) {
            if (index-- == 0) {
                return Optional.of(item);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static <T> void keep(Deque<T> kept, T item) {
        kept.addLast(item);
        if (kept.size() > CLOSED_KEPT) {
            kept.removeFirst();
        }
    }

    private static Step step(Kind kind, IntegrationEvent event) {
        ApiCall call = ApiCall.of(event).orElseThrow().live();
        return new Step(kind, call, Optional.of(event));
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
