package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.LeadEvent.Lead;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo org after its history: it keeps changing, only as the services allow, and keeps its size. */
class LivingOrgTest {

    static final int STEPS = 30_000;
    /** Which lead states each lead change may come from, and the state it leads to (DOMAIN.md's funnel). */
    static final Map<Class<?>, Set<String>> LEAD_FROM = Map.of(
            LeadEvent.LeadNurtured.class, Set.of("CAPTURED"),
            LeadEvent.LeadMarketingQualified.class, Set.of("NURTURING"),
            LeadEvent.LeadQualified.class, Set.of("MQL"),
            LeadEvent.LeadAccepted.class, Set.of("SQL"),
            LeadEvent.LeadRejected.class, Set.of("SQL"),
            LeadEvent.LeadDisqualified.class, Set.of("MQL", "SQL", "SAL"),
            LeadEvent.LeadRecycled.class, Set.of("REJECTED", "DISQUALIFIED"),
            LeadEvent.LeadConverted.class, Set.of("SAL"));

    static SimulationConfig config;
    static DemoOrgs.State history;

    @BeforeAll
    static void simulate() {
        config = DemoOrgs.config();
        history = DemoOrgs.stateOf(new Simulation(config));
    }

    LivingOrg org(Instant startedAt) {
        return new LivingOrg(config, new SalesPlan(config, SalesPlan.DEMO_RATES), history.deals().values(),
                history.leads().values(), startedAt);
    }

    @Test
    void everyChangeIsATransitionTheServicesAllowFromWhereTheLeadOrDealStandsAndCarriesNoBusinessTime() {
        Map<String, Deal> deals = new HashMap<>(history.deals());
        Map<String, Lead> leads = new HashMap<>(history.leads());
        Map<LivingOrg.Kind, Integer> kinds = new EnumMap<>(LivingOrg.Kind.class);
        LivingOrg org = org(DemoOrgs.NOW);
        Instant now = DemoOrgs.NOW;
        for (int i = 0; i < STEPS; i++) {
            now = now.plusSeconds(1);
            LivingOrg.Step step = org.next(now);
            kinds.merge(step.kind(), 1, Integer::sum);
            assertThat(step.call().body()).doesNotContainKey("occurredAt");
            if (step.change().isEmpty()) {
                assertThat(step.call().path()).isEqualTo("/api/forecast/calls");
                assertThat(step.call().body()).doesNotContainKey("submittedAt").containsKeys("repId", "period");
                continue;
            }
            IntegrationEvent change = step.change().get();
            assertThat(change.occurredAt()).isEqualTo(now);
            assertThat(ApiCall.of(change).orElseThrow().live()).isEqualTo(step.call());
            if (change instanceof LeadEvent lead) {
                checkLead(lead, leads.get(lead.lead().leadId()));
                leads.put(lead.lead().leadId(), lead.lead());
                if (lead instanceof LeadEvent.LeadConverted converted) {
                    assertThat(converted.opportunityId()).isEqualTo(LeadStory.opportunityIdFor(lead.lead().leadId()));
                    assertThat(deals).doesNotContainKey(converted.opportunityId());
                    // opportunity-service opens it at the process's first stage: the deal the org now acts on
                    deals.put(converted.opportunityId(), null);
                }
            } else {
                OpportunityEvent deal = (OpportunityEvent) change;
                checkDeal(deal, deals.get(deal.deal().opportunityId()), deals.containsKey(deal.deal().opportunityId()),
                        LocalDate.ofInstant(now, ZoneOffset.UTC));
                deals.put(deal.deal().opportunityId(), deal.deal());
            }
        }
        assertThat(kinds.keySet()).containsAll(Set.of(LivingOrg.Kind.values()));
    }

    @Test
    void theOrgKeepsItsSizeWhileItKeepsOpeningAndClosing() {
        LivingOrg org = org(DemoOrgs.NOW);
        assertThat(org.openDeals()).isGreaterThan(30);
        int opened = 0;
        int closed = 0;
        Instant now = DemoOrgs.NOW;
        for (int i = 0; i < STEPS; i++) {
            now = now.plus(Duration.ofSeconds(1));
            LivingOrg.Kind kind = org.next(now).kind();
            opened += kind == LivingOrg.Kind.DEAL_OPENED || kind == LivingOrg.Kind.LEAD_CONVERTED ? 1 : 0;
            closed += Set.of(LivingOrg.Kind.DEAL_WON, LivingOrg.Kind.DEAL_LOST, LivingOrg.Kind.DEAL_DEFERRED)
                    .contains(kind) ? 1 : 0;
            assertThat(org.openDeals()).isLessThanOrEqualTo(org.dealLimit());
            assertThat(org.openLeads()).isLessThanOrEqualTo(org.leadLimit());
        }
        assertThat(opened).isGreaterThan(org.dealLimit());
        assertThat(closed).isGreaterThan(org.dealLimit());
        assertThat(org.openDeals()).isGreaterThan(org.dealLimit() / 2);
    }

    @Test
    void theSameStateAndInstantsGiveTheSameChangesAndARestartNewIds() {
        LivingOrg first = org(DemoOrgs.NOW);
        LivingOrg again = org(DemoOrgs.NOW);
        LivingOrg restarted = org(DemoOrgs.NOW.plusSeconds(3600));
        String firstCapture = null;
        String restartedCapture = null;
        for (int i = 0; i < 2_000; i++) {
            Instant now = DemoOrgs.NOW.plusSeconds(3600 + i);
            LivingOrg.Step step = first.next(now);
            assertThat(again.next(now)).isEqualTo(step);
            LivingOrg.Step other = restarted.next(now);
            if (firstCapture == null && step.kind() == LivingOrg.Kind.LEAD_CAPTURED) {
                firstCapture = step.change().orElseThrow().subject();
            }
            if (restartedCapture == null && other.kind() == LivingOrg.Kind.LEAD_CAPTURED) {
                restartedCapture = other.change().orElseThrow().subject();
            }
        }
        assertThat(firstCapture).isNotNull().isNotEqualTo(restartedCapture);
    }

    @Test
    void aForgottenDealIsNoLongerChanged() {
        LivingOrg org = org(DemoOrgs.NOW);
        List<String> open = history.deals().values().stream().filter(d -> d.status().equals("OPEN"))
                .map(Deal::opportunityId).toList();
        open.forEach(org::forget);
        for (int i = 0; i < 2_000; i++) {
            org.next(DemoOrgs.NOW.plusSeconds(i)).change()
                    .ifPresent(change -> assertThat(open).doesNotContain(change.subject()));
        }
    }

    private static void checkLead(LeadEvent change, Lead before) {
        if (change instanceof LeadEvent.LeadCaptured) {
            assertThat(before).as("a new lead id").isNull();
            assertThat(change.lead().state()).isEqualTo("CAPTURED");
            return;
        }
        assertThat(before).as("%s acts on a known lead", change).isNotNull();
        assertThat(LEAD_FROM.get(change.getClass())).as("%s from %s", change.getClass().getSimpleName(),
                before.state()).contains(before.state());
    }

    private static void checkDeal(OpportunityEvent change, Deal before, boolean known, LocalDate today) {
        if (change instanceof OpportunityEvent.OpportunityOpened opened) {
            assertThat(known).as("a new deal id").isFalse();
            assertThat(opened.leadId()).isNull();
            return;
        }
        assertThat(known).as("%s acts on a known deal", change).isTrue();
        SalesProcessModel process = SalesProcessModel.byId(change.deal().processId());
        String stageBefore = before == null ? process.stage(0).name() : before.stage();
        String statusBefore = before == null ? "OPEN" : before.status();
        if (change instanceof OpportunityEvent.DealReopened) {
            assertThat(statusBefore).isEqualTo("DEFERRED");
            return;
        }
        assertThat(statusBefore).as("%s of an open deal", change.getClass().getSimpleName()).isEqualTo("OPEN");
        int from = process.indexOf(stageBefore);
        int to = process.indexOf(change.deal().stage());
        if (change instanceof OpportunityEvent.StageAdvanced) {
            assertThat(to).isGreaterThan(from);
            if (!process.skippingAllowed()) {
                assertThat(to).isEqualTo(from + 1);
            }
        } else if (change instanceof OpportunityEvent.StageRegressed) {
            assertThat(to).isLessThan(from).isGreaterThanOrEqualTo(0);
        } else if (change instanceof OpportunityEvent.CloseDateChanged pushed) {
            assertThat(pushed.deal().closeDate()).isAfter(pushed.previousCloseDate()).isAfter(today);
        } else if (change instanceof OpportunityEvent.DealClosedWon || change instanceof OpportunityEvent.DealClosedLost
                || change instanceof OpportunityEvent.DealDeferred) {
            assertThat(change.deal().closeDate()).isEqualTo(today);
        }
    }
}
