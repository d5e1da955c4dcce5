package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HostileBodies;
import io.pipeline.testsupport.HostileListParameters;
import io.pipeline.testsupport.HttpJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The input policy of service-platform over real HTTP: each refusal a 400 problem naming the field and the rule. */
class InputPolicyHttpTest extends HttpTestBase {

    @Test
    void aNulInEachKindOfFieldIsRefusedNamingTheField() {
        for (String field : new String[] {"opportunityId", "accountId", "name", "ownerId", "regionId", "currency",
                "stage", "accountName"}) {
            Map<String, Object> body = validRequest("opp-nul-" + field);
            body.put(field, "emea\u0000");

            assertThat(problemMessage(http.post("/api/opportunities", body), field)).contains("NUL");
        }
    }

    @Test
    void controlCharactersLoneSurrogatesAndOverlongStringsAreRefused() {
        Map<String, Object> tab = validRequest("opp-tab");
        tab.put("name", "Acme\tplatform");
        // as a JSON escape: a lone surrogate cannot travel as UTF-8
        String surrogate = HttpJson.toJson(validRequest("opp-surrogate")).replace("\"regionId\":\"emea\"",
                "\"regionId\":\"emea\\uD800\"");
        Map<String, Object> overlong = validRequest("opp-long");
        overlong.put("accountName", "x".repeat(10_000));

        assertThat(problemMessage(http.post("/api/opportunities", tab), "name")).contains("control");
        assertThat(problemMessage(post("/api/opportunities", surrogate, null), "regionId")).contains("surrogate");
        assertThat(problemMessage(http.post("/api/opportunities", overlong), "accountName")).contains("at most");
    }

    @Test
    void hugeAmountsBadDatesAndUnknownCurrenciesAreRefusedNamingTheField() {
        assertRefusedWith("amount", "1e400", "integer digits");
        assertRefusedWith("amount", "1" + "0".repeat(39), "integer digits");
        assertRefusedWith("amount", "1.0000000000001", "decimals");
        assertRefusedWith("closeDate", "2026-02-30", "LocalDate");
        assertRefusedWith("closeDate", "0000-01-01", "between 2000-01-01 and 2100-12-31");
        assertRefusedWith("closeDate", "+99999-01-01", "between 2000-01-01 and 2100-12-31");
        assertRefusedWith("occurredAt", "2026-11-02T10:00:00+25:00", "Instant");
        assertRefusedWith("currency", "XXQ", "ISO 4217");
    }

    @Test
    void duplicateKeysAndScalarsForStringsAreRefused() {
        String duplicate = HttpJson.toJson(validRequest("opp-dup")).replace("\"regionId\":\"emea\"",
                "\"regionId\":\"emea\",\"regionId\":\"apac\"");
        Map<String, Object> number = validRequest("opp-number");
        number.put("regionId", 123);
        Map<String, Object> bool = validRequest("opp-bool");
        bool.put("name", true);

        assertThat(problemMessage(post("/api/opportunities", duplicate, null), "regionId")).contains("more than once");
        assertThat(problemMessage(http.post("/api/opportunities", number), "regionId")).contains("string");
        assertThat(problemMessage(http.post("/api/opportunities", bool), "name")).contains("string");
    }

    @Test
    void aNulInAQueryParameterOrPathVariableIsRefusedNamingIt() {
        assertThat(problemMessage(http.get("/api/opportunities?accountId=acc%00"), "accountId")).contains("NUL");
        assertThat(problemMessage(http.get("/api/opportunities?stage=a%0Ab"), "stage")).contains("control");
    }

    /**
     * The list's team and region filters (and owner and account): a hostile value is a 400 naming it, or an empty
     * page; a deal exists, so a filter that was dropped instead of applied would show.
     */
    @Test
    void hostileTeamAndRegionFiltersOfTheListAreRefusedNamingThemOrSelectNothing() {
        assertThat(http.post("/api/opportunities", validRequest("opp-list-hostile")).status()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
                () -> http.get("/api/opportunities?teamId=team-1").json().get("total").asLong() > 0);
        for (String parameter : List.of("teamId", "regionId", "ownerId", "accountId")) {
            HostileListParameters.assertAnsweredCleanly(http, "/api/opportunities?size=5", parameter);
        }
    }

    @Test
    void hostileBodiesOfEveryOpportunityRequestGetNo5xxAndEvery400NamesAField() {
        for (Map<String, Object> body : HostileBodies.from(validRequest("opp-hostile"), 13, 200)) {
            body.computeIfPresent("opportunityId", (k, v) -> v instanceof String ? "opp-hostile-" + v.hashCode() : v);
            HostileBodies.assertRefusedCleanlyOrAccepted(http.post("/api/opportunities", body), body);
        }
        http.post("/api/opportunities", validRequest("opp-hostile-target"));
        Map<String, Object> amount = new java.util.LinkedHashMap<>(Map.of("amount", "10.00", "currency", "EUR",
                "occurredAt", "2026-11-02T10:00:00Z"));
        for (Map<String, Object> body : HostileBodies.from(amount, 17, 100)) {
            HostileBodies.assertRefusedCleanlyOrAccepted(put("/api/opportunities/opp-hostile-target/amount", body),
                    body);
        }
    }

    private void assertRefusedWith(String field, Object value, String rule) {
        Map<String, Object> body = validRequest("opp-bad-" + field);
        body.put(field, value);
        assertThat(problemMessage(http.post("/api/opportunities", body), field)).contains(rule);
    }

    /** @return the message of the problem's error on {@code field}, after checking it is a 400 problem naming it */
    private static String problemMessage(HttpJson.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).as(response.body()).contains(field);
        for (var error : response.json().get("errors")) {
            if (error.get("field").asString().equals(field)) {
                return error.get("message").asString();
            }
        }
        throw new AssertionError(response.body());
    }
}
