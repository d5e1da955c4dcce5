package io.pipeline.simulator;

import static io.pipeline.simulator.Draws.chance;
import static io.pipeline.simulator.Draws.days;

import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.LeadEvent.Lead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One lead's life through the funnel of DOMAIN.md (captured, nurtured, MQL, SQL, SAL, converted, or rejected /
 * disqualified and maybe recycled), and the deal it converts into, if it does.
 */
final class LeadStory {

    static final String MARKETING_AUTOMATION = "marketing-automation";
    private static final List<String> DISQUALIFICATION_REASONS = List.of("no budget", "no authority",
            "no need", "timing beyond 12 months", "student or competitor");
    private static final List<String> REJECTION_REASONS = List.of("not our ideal customer profile",
            "duplicate of an open opportunity", "buyer not engaged");

    private final List<LeadEvent> events = new ArrayList<>();
    private final SplittableRandom random;
    private final SimulationConfig.LeadFunnel funnel;
    private Lead lead;
    private long t;
    private DealStory deal;

    LeadStory(String leadId, long capturedAt, SimulationConfig config, FiscalCalendar calendar, Org org,
              SplittableRandom random) {
        this.random = random;
        this.funnel = config.leadFunnel();
        this.t = capturedAt;
        Org.Rep sdr = org.anyRep(random);
        Segment segment = Simulation.pickSegment(config, random);
        String company = Companies.name(random);
        lead = new Lead(leadId, company, Weighted.pick(config.leadSources(), random), sdr.id(), sdr.teamId(),
                sdr.regionId(), segment.name(), "CAPTURED");
        events.add(new LeadEvent.LeadCaptured(lead, now(), sdr.id()));
        after(Draws.exponential(random, 1));
        events.add(new LeadEvent.LeadNurtured(in("NURTURING"), "CAPTURED", now(), MARKETING_AUTOMATION));
        if (!chance(random, funnel.mqlRate())) {
            return; // stays in nurture
        }
        after(Draws.gamma2(random, funnel.meanDaysToMql()));
        events.add(new LeadEvent.LeadMarketingQualified(in("MQL"), 60 + random.nextInt(41), now(), MARKETING_AUTOMATION));
        after(Draws.gamma2(random, funnel.meanDaysToSql()));
        if (!chance(random, funnel.sqlRate())) {
            disqualify("MQL", sdr.id());
            return;
        }
        events.add(new LeadEvent.LeadQualified(in("SQL"), segment.qualificationFramework(), now(), sdr.id()));
        Org.Rep ae = org.teammateOf(sdr, random);
        after(Draws.gamma2(random, funnel.meanDaysToSal()));
        if (!chance(random, funnel.salRate())) {
            events.add(new LeadEvent.LeadRejected(in("REJECTED"), "SQL", Draws.oneOf(random, REJECTION_REASONS),
                    now(), ae.id()));
            maybeRecycle("REJECTED");
            return;
        }
        lead = new Lead(leadId, company, lead.source(), ae.id(), ae.teamId(), ae.regionId(), lead.segment(), "SAL");
        events.add(new LeadEvent.LeadAccepted(lead, ae.id(), now(), ae.id()));
        after(Draws.gamma2(random, funnel.meanDaysToConvert()));
        if (!chance(random, funnel.conversionRate())) {
            disqualify("SAL", ae.id());
            return;
        }
        String accountId = leadId.replace("-lead-", "-acct-");
        deal = new DealStory(new DealStory.Opening(opportunityIdFor(leadId), accountId, company + " - new business",
                ae, segment, "NEW_BUSINESS", leadId, t), config, calendar, random.split());
        events.add(new LeadEvent.LeadConverted(in("CONVERTED"), deal.events().get(0).deal().opportunityId(),
                accountId, company, company + " - new business", deal.openingAmount(), deal.currency(),
                deal.openingCloseDate(), now(), ae.id()));
    }

    List<LeadEvent> events() {
        return events;
    }

    /** The deal the lead converted into, or null. */
    DealStory deal() {
        return deal;
    }

    /**
     * The id lead-service gives the opportunity a lead converts into (its {@code Conversions.opportunityIdFor}),
     * repeated here because the simulator must not depend on a service.
     */
    static String opportunityIdFor(String leadId) {
        return UUID.nameUUIDFromBytes(("lead-conversion:" + leadId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void disqualify(String from, String actor) {
        events.add(new LeadEvent.LeadDisqualified(in("DISQUALIFIED"), from,
                Draws.oneOf(random, DISQUALIFICATION_REASONS), now(), actor));
        maybeRecycle("DISQUALIFIED");
    }

    private void maybeRecycle(String from) {
        if (chance(random, funnel.recycleRate())) {
            after(Draws.gamma2(random, funnel.meanDaysToRecycle()));
            events.add(new LeadEvent.LeadRecycled(in("NURTURING"), from, now(), MARKETING_AUTOMATION));
        }
    }

    private Lead in(String state) {
        lead = new Lead(lead.leadId(), lead.company(), lead.source(), lead.ownerId(), lead.teamId(), lead.regionId(),
                lead.segment(), state);
        return lead;
    }

    /** Moves on by the given days, at least a minute, so no two steps of a lead share an instant. */
    private void after(double days) {
        t += Math.max(60, days(days));
    }

    private Instant now() {
        return Instant.ofEpochSecond(t);
    }
}
