package io.pipeline.opportunity.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.api.CloseLost;
import io.pipeline.opportunity.api.OpenOpportunity;
import io.pipeline.opportunity.api.ReassignOwner;
import io.pipeline.opportunity.api.Segment;
import io.pipeline.opportunity.process.SalesProcess;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner alone: what it refuses, and the commands it makes of a history, without a database. */
class HistoryPlannerTest {

    private static final String OWNERS = "crm_owner,rep_id,team_id,region_id,segment\nann,rep-ann,team-1,emea,\n";
    private static final String STAGES = """
            crm_stage,process,stage,reason
            Prospecting,enterprise,Qualified,
            Proposal,enterprise,Evaluation,
            Signed,,WON,
            Gone,,LOST,NO_DECISION
            """;

    private static List<DealPlan> plan(String opportunities, String history) {
        StageMapping.Result stages = StageMapping.parse(csv("stages.csv", STAGES), id -> SalesProcess.SHIPPED.stream()
                .filter(p -> p.id().equals(id)).findFirst());
        assertThat(stages.problems()).isEmpty();
        ReadResult read = new SalesforceReader(stages.mapping(), ZoneOffset.UTC)
                .read(csv("Opportunity.csv", opportunities), history == null ? null : csv("OpportunityHistory.csv", history));
        HistoryPlanner planner = new HistoryPlanner(stages.mapping(), OwnerMapping.parse(csv("owners.csv", OWNERS)).mapping(),
                (id, segment) -> id == null || id.equals("enterprise") ? SalesProcess.ENTERPRISE : SalesProcess.SMB,
                new HistoryPlanner.Settings(ImportFormat.SALESFORCE, Segment.ENTERPRISE, "USD", ZoneOffset.UTC, "test"));
        return read.deals().stream().map(planner::plan).toList();
    }

    private static CsvFile csv(String name, String text) {
        return new CsvFile(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> events(DealPlan plan) {
        return plan.commands().stream().map(c -> c.event().getSimpleName()).toList();
    }

    @Test
    void aStageMissingFromTheMappingIsAnErrorNamingTheStageAndTheRow() {
        DealPlan plan = plan("""
                Id,AccountId,OwnerId,Name,StageName,Amount,CloseDate,CreatedDate
                006A,001A,ann,Deal A,Prospecting,10,2025-03-31,2025-01-02T10:00:00Z
                """, """
                OpportunityId,CreatedDate,StageName,Amount,CloseDate
                006A,2025-01-02T10:00:00Z,Prospecting,10,2025-03-31
                006A,2025-02-02T10:00:00Z,Negotiation,10,2025-03-31
                """).get(0);

        assertThat(plan.importable()).isFalse();
        assertThat(plan.problems()).containsExactly(ImportProblem.error("OpportunityHistory.csv", 3, "StageName",
                "stage 'Negotiation' is not in the stage mapping"));
    }

    @Test
    void skippingStagesInAProcessThatForbidsItIsRefusedNotPaddedWithStagesThatNeverHappened() {
        DealPlan plan = plan("""
                Id,AccountId,OwnerId,Name,StageName,Amount,CloseDate,CreatedDate
                006B,001A,ann,Deal B,Proposal,10,2025-03-31,2025-01-02T10:00:00Z
                """, """
                OpportunityId,CreatedDate,StageName,Amount,CloseDate
                006B,2025-01-02T10:00:00Z,Prospecting,10,2025-03-31
                006B,2025-02-02T10:00:00Z,Proposal,10,2025-03-31
                """).get(0);

        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.problem()).startsWith("cannot move from 'Qualified' to 'Evaluation'");
        });
    }

    @Test
    void aClosedDealWithoutHistoryOpensAtItsCreationAndClosesOnItsCloseDate() {
        DealPlan plan = plan("""
                Id,AccountId,OwnerId,Name,StageName,Amount,CloseDate,CreatedDate
                006C,001A,ann,Deal C,Gone,10,2025-03-31,2025-01-02T10:00:00Z
                """, null).get(0);

        assertThat(events(plan)).containsExactly("OpportunityOpened", "DealClosedLost");
        assertThat((CloseLost) plan.commands().get(1).command())
                .extracting(CloseLost::reason, c -> c.occurredAt().toString(), c -> c.closeDate().toString())
                .containsExactly("NO_DECISION", "2025-03-31T00:00:00Z", "2025-03-31");
    }

    @Test
    void aDealWithoutAnAccountImportsUnderTheSourcesPlaceholderAccountWithANotice() {
        DealPlan plan = plan("""
                Id,AccountId,OwnerId,Name,StageName,Amount,CloseDate,CreatedDate
                006E,,ann,Private deal,Prospecting,10,2025-03-31,2025-01-02T10:00:00Z
                """, null).get(0);

        assertThat(plan.importable()).isTrue();
        assertThat(((OpenOpportunity) plan.commands().get(0).command()).accountId()).isEqualTo("sf-no-account");
        assertThat(plan.history().accountName()).isEqualTo("(no account in the CRM)");
        assertThat(plan.problems()).containsExactly(ImportProblem.notice("Opportunity.csv", 2, "AccountId",
                "blank: the deal is imported under the account 'sf-no-account'"));
    }

    @Test
    void anOwnerMissingFromTheMappingImportsUnderAnUnmappedPlaceholderWithANoticeAtEachRowNamingThem() {
        DealPlan plan = plan("""
                Id,AccountId,OwnerId,Name,StageName,Amount,CloseDate,CreatedDate
                006F,001A,Jane Doe,Deal F,Proposal,10,2025-03-31,2025-01-02T10:00:00Z
                """, null).get(0);

        assertThat(plan.importable()).isTrue();
        OpenOpportunity open = (OpenOpportunity) plan.commands().get(0).command();
        assertThat(open).extracting(OpenOpportunity::ownerId, OpenOpportunity::teamId, OpenOpportunity::regionId)
                .containsExactly("unmapped-Jane-Doe", "unmapped", "unmapped");
        assertThat(plan.problems()).containsExactly(ImportProblem.notice("Opportunity.csv", 2, "OwnerId",
                "owner 'Jane Doe' is not in the owner mapping (crm_owner,rep_id,team_id,region_id,segment): imported"
                        + " under rep 'unmapped-Jane-Doe', team and region 'unmapped'"));
    }

    @Test
    void hostileRowsAreEachReportedWithTheirRowAndColumnWhileTheGoodDealBesideThemIsPlanned() {
        List<DealPlan> plans = plan("Id,AccountId,OwnerId,Name,StageName,Amount,CloseDate,CreatedDate\n"
                + "006G,001A,ann,Good deal,Prospecting,10,2025-03-31,2025-01-02T10:00:00Z\n"
                + "006H,001A,ann,Nul\u0000name,Prospecting,10,2025-03-31,2025-01-02T10:00:00Z\n"
                + "006I,001A,ann,Huge amount,Prospecting,1e20,2025-03-31,2025-01-02T10:00:00Z\n"
                + "006J,001A,ann,Sixteen digits,Prospecting,1234567890123456,2025-03-31,2025-01-02T10:00:00Z\n"
                + "006K,001A,ann,February 30th,Prospecting,10,2025-02-30,2025-01-02T10:00:00Z\n"
                + "006L,001A,ann,Odd created,Prospecting,10,2025-03-31,yesterday\n", null);

        assertThat(plans).hasSize(6);
        assertThat(plans.get(0).importable()).isTrue();
        assertThat(plans.subList(1, 6)).noneMatch(DealPlan::importable);
        assertThat(plans.subList(1, 6).stream().flatMap(p -> p.problems().stream())
                .map(p -> p.row() + " " + p.column()).toList())
                .containsExactly("3 Name", "4 Amount", "5 Amount", "6 CloseDate", "7 CreatedDate");
    }

    @Test
    void aWonDealIsFinalSoAHistoryThatReopensItIsRefused() {
        DealPlan plan = plan("""
                Id,AccountId,OwnerId,Name,StageName,Amount,CloseDate,CreatedDate
                006D,001A,ann,Deal D,Prospecting,10,2025-03-31,2025-01-02T10:00:00Z
                """, """
                OpportunityId,CreatedDate,StageName,Amount,CloseDate
                006D,2025-01-02T10:00:00Z,Prospecting,10,2025-03-31
                006D,2025-02-02T10:00:00Z,Signed,10,2025-02-02
                006D,2025-02-05T10:00:00Z,Prospecting,10,2025-03-31
                """).get(0);

        assertThat(plan.importable()).isFalse();
        assertThat(plan.problems()).extracting(ImportProblem::row).containsExactly(4L);
        assertThat(plan.problems().get(0).problem()).contains("a won deal is final");
    }
}
