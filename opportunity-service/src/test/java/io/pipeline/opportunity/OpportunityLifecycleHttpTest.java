package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpportunityLifecycleHttpTest extends HttpTestBase {

    private String open(String id) {
        var created = http.post("/api/opportunities", validRequest(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.header("ETag");
    }

    @Test
    void aDealGoesThroughItsLifecycleAndEveryEventIsPublishedWithTheDealAfterIt() {
        String id = "life-1";
        assertThat(open(id)).isEqualTo("\"0\"");

        var advanced = post("/api/opportunities/" + id + "/advance", Map.of("stage", "Business case"), "\"0\"");
        assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);
        assertThat(advanced.header("ETag")).isEqualTo("\"1\"");
        assertThat(advanced.json().get("deal").get("stage").asString()).isEqualTo("Business case");

        assertThat(put("/api/opportunities/" + id + "/close-date", Map.of("closeDate", "2027-03-31"), "\"1\"").status())
                .isEqualTo(200);
        assertThat(put("/api/opportunities/" + id + "/amount", Map.of("amount", "90000.00", "currency", "EUR")).status())
                .isEqualTo(200);
        assertThat(put("/api/opportunities/" + id + "/owner", Map.of("ownerId", "rep-2", "teamId", "team-2")).status())
                .isEqualTo(200);
        assertThat(put("/api/opportunities/" + id + "/forecast-category",
                Map.of("forecastCategory", "BEST_CASE", "reason", "champion")).status()).isEqualTo(200);
        assertThat(post("/api/opportunities/" + id + "/regress", Map.of("stage", "Qualified"), null).status())
                .isEqualTo(200);
        var lost = post("/api/opportunities/" + id + "/close-lost",
                Map.of("reason", "COMPETITION", "competitor", "Globex", "closeDate", "2026-11-02"), null);
        assertThat(lost.json().get("deal").get("status").asString()).isEqualTo("LOST");
        assertThat(lost.json().get("deal").get("closeDate").asString()).isEqualTo("2026-11-02");
        assertThat(post("/api/opportunities/" + id + "/reopen", null, null).json().get("deal").get("stage").asString())
                .isEqualTo("Qualified");
        assertThat(post("/api/opportunities/" + id + "/defer", Map.of("reason", "budget"), null).status()).isEqualTo(200);
        assertThat(post("/api/opportunities/" + id + "/reopen", Map.of("stage", "Evaluation"), null).status())
                .isEqualTo(200);
        var won = post("/api/opportunities/" + id + "/close-won", null, null);
        assertThat(won.json().get("deal").get("forecastCategory").asString()).isEqualTo("CLOSED");
        assertThat(won.json().get("deal").get("closeDate").asString())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());

        var records = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.OPPORTUNITIES,
                r -> id.equals(r.key()), found -> found.size() >= 12, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> KafkaProbe.header(r, EventHeaders.TYPE).replace("pipeline.opportunity.", ""))
                .containsExactly("OpportunityOpened", "StageAdvanced", "CloseDateChanged", "AmountChanged",
                        "OwnerReassigned", "ForecastCategoryOverridden", "StageRegressed", "DealClosedLost",
                        "DealReopened", "DealDeferred", "DealReopened", "DealClosedWon");
        String amountChanged = new String(records.get(3).value());
        assertThat(amountChanged).contains("\"previousAmount\":\"120000.50\"", "\"amount\":\"90000.00\"",
                "\"previousCurrency\":\"USD\"", "\"teamId\":\"team-1\"");
    }

    @Test
    void aStaleIfMatchIsRefusedWithA412AndARetryOfTheSameChangeSucceeds() {
        String id = "life-stale";
        open(id);
        assertThat(put("/api/opportunities/" + id + "/close-date", Map.of("closeDate", "2027-01-31"), "\"0\"").status())
                .isEqualTo(200);

        var stale = put("/api/opportunities/" + id + "/amount", Map.of("amount", "1.00"), "\"0\"");
        var retry = put("/api/opportunities/" + id + "/close-date", Map.of("closeDate", "2027-01-31"), "\"0\"");
        var garbage = put("/api/opportunities/" + id + "/amount", Map.of("amount", "1.00"), "yesterday");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("ETag")).isEqualTo("\"1\"");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("errors").get(0).get("field").asString()).isEqualTo("If-Match");
    }

    @Test
    void aChangeToAClosedDealIsAConflictNamingTheStateAndWhatIsAllowed() {
        String id = "life-closed";
        open(id);
        post("/api/opportunities/" + id + "/close-lost", Map.of("reason", "NO_DECISION"), null);

        var refused = post("/api/opportunities/" + id + "/advance", Map.of("stage", "Business case"), null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("currentState").asString()).isEqualTo("LOST at Closed lost");
        assertThat(refused.json().get("allowedTransitions").get(0).asString()).isEqualTo("reopen");
    }

    @Test
    void skippingAStageOfTheEnterpriseProcessIsAConflictListingTheAllowedMoves() {
        String id = "life-skip";
        open(id);

        var refused = post("/api/opportunities/" + id + "/advance", Map.of("stage", "Selected"), null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("allowedTransitions").toString()).contains("advance to Business case")
                .doesNotContain("advance to Evaluation");
    }

    @Test
    void unknownDealsAndBadInputAreProblemsNeverServerErrors() {
        open("life-bad");
        List<HttpJson.Response> answers = List.of(
                post("/api/opportunities/nope/advance", Map.of("stage", "Business case"), null),
                post("/api/opportunities/life-bad/close-lost", Map.of("reason", "BORED"), null),
                post("/api/opportunities/life-bad/close-lost", Map.of("reason", "COMPETITION"), null),
                post("/api/opportunities/life-bad/advance", Map.of(), null),
                post("/api/opportunities/life-bad/advance", "{\"stage\": ", null),
                put("/api/opportunities/life-bad/amount", Map.of("amount", "12.345")),
                put("/api/opportunities/life-bad/forecast-category", Map.of("forecastCategory", "MAYBE")),
                http.get("/api/opportunities?size=0"),
                http.get("/api/opportunities?closeFrom=someday"),
                http.get("/api/opportunities/nope"));

        assertThat(answers).extracting(HttpJson.Response::status)
                .containsExactly(404, 400, 400, 400, 400, 400, 400, 400, 400, 404);
        assertThat(answers).allSatisfy(a -> assertThat(a.header("Content-Type")).startsWith("application/problem+json"));
        assertThat(answers.get(2).json().get("errors").get(0).get("field").asString()).isEqualTo("competitor");
    }

    @Test
    void theReadModelFollowsTheDealAndSearchesByOwnerStageCategoryCloseDateAndAccount() {
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = validRequest("search-" + i);
            body.put("ownerId", "searcher");
            body.put("accountId", "acc-search");
            body.put("closeDate", "2030-0" + (i + 1) + "-15");
            http.post("/api/opportunities", body);
        }
        post("/api/opportunities/search-2/advance", Map.of("stage", "Business case"), null);
        put("/api/opportunities/search-1/forecast-category", Map.of("forecastCategory", "BEST_CASE"));

        eventually().untilAsserted(() -> assertThat(http.get("/api/opportunities/search-2").header("ETag"))
                .isEqualTo("\"1\""));
        eventually().untilAsserted(() -> assertThat(http.get("/api/opportunities/search-1").json()
                .get("forecastCategory").asString()).isEqualTo("BEST_CASE"));
        JsonNode byOwner = http.get("/api/opportunities?ownerId=searcher&size=2").json();
        JsonNode secondPage = http.get("/api/opportunities?ownerId=searcher&size=2&page=1").json();
        assertThat(byOwner.get("total").asLong()).isEqualTo(3);
        assertThat(byOwner.get("items").findValuesAsString("opportunityId")).containsExactly("search-0", "search-1");
        assertThat(secondPage.get("items").findValuesAsString("opportunityId")).containsExactly("search-2");
        assertThat(ids("/api/opportunities?accountId=acc-search&stage=business%20case")).containsExactly("search-2");
        assertThat(ids("/api/opportunities?ownerId=searcher&forecastCategory=BEST_CASE")).containsExactly("search-1");
        assertThat(ids("/api/opportunities?ownerId=searcher&closeFrom=2030-02-01&closeTo=2030-03-15"))
                .containsExactly("search-1", "search-2");
        assertThat(http.get("/api/accounts/acc-search").json().get("name").asString()).isEqualTo("acc-search");
    }

    @Test
    void theListSortsOnTheServerAcrossPagesAndRefusesAnUnknownSortByName() {
        // amounts, names and close dates chosen so each order differs from the others and from id order
        String[][] deals = {{"sort-a", "Zeta", "500.00", "2031-03-01"}, {"sort-b", "alpha", "70000.00", "2031-01-01"},
                {"sort-c", "Mid", "9000.00", "2031-02-01"}, {"sort-d", "Beta", "9000.00", "2031-04-01"}};
        for (String[] deal : deals) {
            Map<String, Object> body = validRequest(deal[0]);
            body.put("ownerId", "sorter");
            body.put("name", deal[1]);
            body.put("amount", deal[2]);
            body.put("closeDate", deal[3]);
            http.post("/api/opportunities", body);
        }
        eventually().untilAsserted(() -> assertThat(ids("/api/opportunities?ownerId=sorter")).hasSize(4));

        assertThat(ids("/api/opportunities?ownerId=sorter")).containsExactly("sort-b", "sort-c", "sort-a", "sort-d");
        // equal amounts (sort-c, sort-d) tie by id in the asked direction
        assertThat(ids("/api/opportunities?ownerId=sorter&sort=amount,desc"))
                .containsExactly("sort-b", "sort-d", "sort-c", "sort-a");
        assertThat(ids("/api/opportunities?ownerId=sorter&sort=amount,desc&size=2&page=1"))
                .containsExactly("sort-c", "sort-a");
        assertThat(ids("/api/opportunities?ownerId=sorter&sort=amount")).containsExactly("sort-a", "sort-c", "sort-d",
                "sort-b");
        // PostgreSQL's collation of the test database: byte order under C, case-folded otherwise; both put Beta < Mid
        assertThat(ids("/api/opportunities?ownerId=sorter&sort=name,desc")).containsSubsequence("sort-c", "sort-d");
        assertThat(ids("/api/opportunities?ownerId=sorter&sort=closeDate,desc"))
                .containsExactly("sort-d", "sort-a", "sort-c", "sort-b");

        for (String bad : List.of("color", "amount,sideways", "amount,desc,asc")) {
            HttpJson.Response answer = http.get("/api/opportunities?ownerId=sorter&sort=" + bad);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("sort");
        }
    }

    private List<String> ids(String path) {
        return http.get(path).json().get("items").findValuesAsString("opportunityId");
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        var docs = http.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/opportunities/{id}/advance", "/api/sales-processes/{id}",
                "/api/accounts").doesNotContain("/api/currency-rates");
    }
}
