package io.pipeline.opportunity.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.testsupport.HistoryLines;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RoleCallers;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.pipeline.eventsourcing.history.EventHistory;
import tools.jackson.databind.JsonNode;

/** A deal's history over real HTTP, read back from the real event store, against what was sent. */
class DealHistoryHttpTest extends HttpTestBase {

    @Autowired
    private EventHistory eventHistory;


    /** Thirteen hours ago: live changes may not be dated into a closed quarter nor the future (business time). */
    private static final Instant START = Instant.now().minus(13, java.time.temporal.ChronoUnit.HOURS)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    /** Business time of step {@code n}: an hour apart, so each change shows its own occurredAt. */
    private static String day(int n) {
        return START.plusSeconds(3_600L * n).toString();
    }

    private static Map<String, Object> at(int n, Map<String, Object> body) {
        Map<String, Object> timed = new HashMap<>(body);
        timed.put("occurredAt", day(n));
        return timed;
    }

    private void ok(HttpJson.Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    @Test
    void theHistoryOfADealDrivenThroughEveryTransitionIsWhatWasSentChangeForChange() {
        String id = "hist-every";
        String path = "/api/opportunities/" + id;
        ok(http.post("/api/opportunities", at(0, validRequest(id))));
        ok(post(path + "/advance", at(1, Map.of("stage", "Business case")), null));
        ok(put(path + "/close-date", at(2, Map.of("closeDate", "2027-03-31"))));
        ok(put(path + "/amount", at(3, Map.of("amount", "90000", "currency", "EUR"))));
        ok(put(path + "/owner", at(4, Map.of("ownerId", "rep-2", "teamId", "team-2", "regionId", "amer"))));
        ok(put(path + "/forecast-category", at(5, Map.of("forecastCategory", "BEST_CASE", "reason", "champion"))));
        ok(post(path + "/regress", at(6, Map.of("stage", "Qualified")), null));
        ok(post(path + "/close-lost", at(7, Map.of("reason", "COMPETITION", "competitor", "Globex",
                "closeDate", "2026-11-02")), null));
        ok(post(path + "/reopen", at(8, Map.of()), null));
        ok(post(path + "/defer", at(9, Map.of("reason", "budget", "closeDate", "2026-11-20")), null));
        ok(post(path + "/reopen", at(10, Map.of("stage", "Evaluation", "closeDate", "2027-01-15")), null));
        ok(post(path + "/advance", at(11, Map.of("stage", "Shortlisted")), null));
        ok(post(path + "/close-won", at(12, Map.of("closeDate", "2027-01-10")), null));
        // asking for what already holds records nothing, so it is no change of the history
        ok(post(path + "/close-won", at(13, Map.of("closeDate", "2027-01-10")), null));

        var answer = http.get(path + "/history");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode history = answer.json();
        assertThat(history.get("id").asString()).isEqualTo(id);
        assertThat(history.get("totalItems").asLong()).isEqualTo(13);
        assertThat(history.get("page").asInt()).isZero();
        assertThat(history.get("size").asInt()).isEqualTo(50);
        // worked out by hand from the requests above (the enterprise process, its categories and closing stages)
        assertThat(HistoryLines.of(history)).containsExactly(
                "0 OpportunityOpened " + day(0) + " stage:null>Qualified amount:null>120000.50 currency:null>USD"
                        + " closeDate:null>2026-12-15 forecastCategory:null>PIPELINE status:null>OPEN"
                        + " name:null>Acme platform accountId:null>acc-1 ownerId:null>rep-1 teamId:null>team-1"
                        + " regionId:null>emea",
                "1 StageAdvanced " + day(1) + " stage:Qualified>Business case",
                "2 CloseDateChanged " + day(2) + " closeDate:2026-12-15>2027-03-31",
                "3 AmountChanged " + day(3) + " amount:120000.50>90000.00 currency:USD>EUR",
                "4 OwnerReassigned " + day(4) + " ownerId:rep-1>rep-2 teamId:team-1>team-2 regionId:emea>amer",
                "5 ForecastCategoryOverridden " + day(5) + " forecastCategory:PIPELINE>BEST_CASE reason:null>champion",
                "6 StageRegressed " + day(6) + " stage:Business case>Qualified forecastCategory:BEST_CASE>PIPELINE",
                "7 DealClosedLost " + day(7) + " stage:Qualified>Closed lost closeDate:2027-03-31>2026-11-02"
                        + " forecastCategory:PIPELINE>OMITTED status:OPEN>LOST lossReason:null>COMPETITION"
                        + " competitor:null>Globex",
                "8 DealReopened " + day(8) + " stage:Closed lost>Qualified forecastCategory:OMITTED>PIPELINE"
                        + " status:LOST>OPEN",
                "9 DealDeferred " + day(9) + " stage:Qualified>Closed deferred closeDate:2026-11-02>2026-11-20"
                        + " forecastCategory:PIPELINE>OMITTED status:OPEN>DEFERRED reason:null>budget",
                "10 DealReopened " + day(10) + " stage:Closed deferred>Evaluation closeDate:2026-11-20>2027-01-15"
                        + " forecastCategory:OMITTED>BEST_CASE status:DEFERRED>OPEN",
                "11 StageAdvanced " + day(11) + " stage:Evaluation>Shortlisted",
                "12 DealClosedWon " + day(12) + " stage:Shortlisted>Closed won closeDate:2027-01-15>2027-01-10"
                        + " forecastCategory:BEST_CASE>CLOSED status:OPEN>WON");
        for (JsonNode item : history.get("items")) {
            assertThat(item.get("actor").asString()).isEqualTo("test-admin");
            assertThat(item.get("imported").asBoolean()).isFalse();
            Instant recorded = Instant.parse(item.get("recordedAt").asString());
            assertThat(recorded).isAfter(Instant.parse(item.get("occurredAt").asString()));
        }
    }

    @Test
    void aPageStartsWhereTheLastEndedAndItsFirstChangeIsMeasuredFromTheEventBeforeIt() {
        String id = "hist-pages";
        String path = "/api/opportunities/" + id;
        ok(http.post("/api/opportunities", validRequest(id)));
        for (int month = 1; month <= 6; month++) {
            ok(put(path + "/close-date", Map.of("closeDate", "2027-0" + month + "-01")));
        }

        JsonNode second = http.get(path + "/history?page=1&size=3").json();
        assertThat(second.get("totalItems").asLong()).isEqualTo(7);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(3);
        assertThat(HistoryLines.withoutTimes(second))
                .containsExactly("3 CloseDateChanged closeDate:2027-02-01>2027-03-01",
                        "4 CloseDateChanged closeDate:2027-03-01>2027-04-01",
                        "5 CloseDateChanged closeDate:2027-04-01>2027-05-01");
        assertThat(HistoryLines.of(http.get(path + "/history?page=2&size=3").json())).hasSize(1);
        assertThat(HistoryLines.of(http.get(path + "/history?page=3&size=3").json())).isEmpty();
    }

    @Test
    void aDealTheCallerMayNotSeeAnswersItsHistoryExactlyAsAMissingId() {
        RoleCallers callers = RoleCallers.of(http, "hist");
        Map<String, Object> deal = validRequest("hist-of-a");
        deal.put("ownerId", callers.repAId());
        deal.put("teamId", callers.team(1));
        ok(callers.repA().post("/api/opportunities", deal));

        assertThat(callers.repA().get("/api/opportunities/hist-of-a/history").status()).isEqualTo(200);
        assertThat(callers.managerOfTeam1().get("/api/opportunities/hist-of-a/history").status()).isEqualTo(200);
        assertThat(callers.bi().get("/api/opportunities/hist-of-a/history").status()).isEqualTo(200);
        var otherRep = callers.repB().get("/api/opportunities/hist-of-a/history");
        var otherManager = callers.managerOfTeam2().get("/api/opportunities/hist-of-a/history");
        var missing = callers.repB().get("/api/opportunities/hist-of-nobody/history");
        assertThat(otherRep.status()).isEqualTo(404);
        assertThat(otherManager.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(otherRep.body().replace("hist-of-a", "ID")).isEqualTo(missing.body().replace("hist-of-nobody", "ID"));
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:pipeline:problem:not-found");
    }

    @Test
    void theStreamOfAnotherKindOfAggregateAnswersAsAMissingDeal() {
        String quarter = io.pipeline.testsupport.BusinessTimes.quarterBefore(3).id();
        var revops = http.as(io.pipeline.testsupport.TestTokens.revops("revops-hist").token());
        assertThat(revops.post("/api/periods/" + quarter + "/close", Map.of()).status()).isLessThan(300);
        String periodStream = io.pipeline.opportunity.period.FiscalPeriod.streamId(quarter);

        // the stream id holds a slash, which the web server refuses in a path before any controller: ask the reader
        assertThatThrownBy(() -> eventHistory.page(periodStream, 0, 10, new io.pipeline.platform.security.PipelineUser(
                "admin-hist", java.util.Set.of(io.pipeline.platform.security.Role.ADMIN), null, null), DealHistoryReading.INSTANCE))
                .isInstanceOf(io.pipeline.platform.problem.NotFoundException.class);
    }

    @Test
    void aPageOutsideItsLimitsIsA400NamingTheParameter() {
        ok(http.post("/api/opportunities", validRequest("hist-limits")));
        for (String query : List.of("size=501", "size=0", "page=-1", "size=many")) {
            var refused = http.get("/api/opportunities/hist-limits/history?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.body()).as(query).contains(query.substring(0, query.indexOf('=')));
        }
        assertThat(http.get("/api/opportunities/hist-limits/history?size=500").status()).isEqualTo(200);
    }
}
