package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sales processes, accounts and currency rates over HTTP. */
class ReferenceDataHttpTest extends HttpTestBase {

    static Map<String, Object> process(String name, List<Map<String, Object>> stages) {
        return Map.of("name", name, "skippingAllowed", false, "stages", stages);
    }

    static Map<String, Object> stage(String name, String category, boolean firstQualified) {
        return Map.of("name", name, "category", category, "firstQualified", firstQualified);
    }

    @Test
    void theEnterpriseAndSmbProcessesAreShipped() {
        var processes = http.get("/api/sales-processes").json();

        assertThat(processes.findValuesAsString("id")).contains("enterprise", "smb");
        assertThat(http.get("/api/sales-processes/smb").json().get("stages").findValuesAsString("name"))
                .containsExactly("Qualified", "Evaluation", "Selected");
        assertThat(http.get("/api/sales-processes/enterprise/versions/1").json().get("skippingAllowed").asBoolean())
                .isFalse();
    }

    @Test
    void changingAProcessMakesANewVersionAndDealsKeepTheVersionTheyWereOpenedIn() {
        var v1 = put("/api/sales-processes/partner", process("Partner", List.of(stage("Registered", "PIPELINE", true),
                stage("Proposal", "BEST_CASE", false))));
        var retried = put("/api/sales-processes/partner", process("Partner", List.of(stage("Registered", "PIPELINE", true),
                stage("Proposal", "BEST_CASE", false))));
        Map<String, Object> deal = validRequest("partner-deal");
        deal.put("processId", "partner");
        http.post("/api/opportunities", deal);
        var v2 = put("/api/sales-processes/partner", process("Partner", List.of(stage("Registered", "PIPELINE", true),
                stage("Co-selling", "BEST_CASE", false), stage("Proposal", "COMMIT", false))));

        assertThat(List.of(v1.status(), retried.status(), v2.status())).containsExactly(201, 200, 201);
        assertThat(v2.json().get("version").asInt()).isEqualTo(2);
        var advanced = post("/api/opportunities/partner-deal/advance", Map.of("stage", "Proposal"), null);
        assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);
        assertThat(advanced.json().get("deal").get("processVersion").asInt()).isEqualTo(1);
        assertThat(advanced.json().get("deal").get("forecastCategory").asString()).isEqualTo("BEST_CASE");
        assertThat(http.get("/api/sales-processes/partner/versions").json().size()).isEqualTo(2);
    }

    @Test
    void aProcessDefinitionThatBreaksTheRulesIsRefusedNamingTheField() {
        var twoQualified = put("/api/sales-processes/broken", process("Broken", List.of(stage("A", "PIPELINE", true),
                stage("B", "PIPELINE", true))));
        var closedCategory = put("/api/sales-processes/broken", process("Broken", List.of(stage("A", "PIPELINE", true),
                stage("B", "CLOSED", false))));
        var duplicate = put("/api/sales-processes/broken", process("Broken", List.of(stage("A", "PIPELINE", true),
                stage("a", "COMMIT", false))));
        var noStages = put("/api/sales-processes/broken", process("Broken", List.of()));
        var badId = put("/api/sales-processes/Not%20OK", process("Broken", List.of(stage("A", "PIPELINE", true))));

        assertThat(List.of(twoQualified, closedCategory, duplicate, noStages, badId))
                .extracting(r -> r.json().get("errors").get(0).get("field").asString())
                .containsExactly("stages", "stages[1].category", "stages[1].name", "stages", "id");
        assertThat(http.get("/api/sales-processes/broken").status()).isEqualTo(404);
    }

    @Test
    void anAccountIsCreatedOnceAndReadBack() {
        var created = http.post("/api/accounts", Map.of("accountId", "customer-1", "name", "Initech"));
        var again = http.post("/api/accounts", Map.of("accountId", "customer-1", "name", "Initech"));

        assertThat(List.of(created.status(), again.status())).containsExactly(201, 200);
        assertThat(http.get("/api/accounts/customer-1").json().get("name").asString()).isEqualTo("Initech");
        assertThat(http.get("/api/accounts/nobody").status()).isEqualTo(404);
        assertThat(http.get("/api/accounts?size=500").json().get("items").findValuesAsString("accountId"))
                .contains("customer-1");
    }

    @Test
    void currencyRatesAreEffectiveDatedAndExact() {
        assertThat(put("/api/currency-rates/EUR/2026-01-01", Map.of("rate", "1.0850")).status()).isEqualTo(200);
        assertThat(put("/api/currency-rates/EUR/2026-07-01", Map.of("rate", "1.1020")).status()).isEqualTo(200);
        assertThat(put("/api/currency-rates/EUR/2026-07-01", Map.of("rate", "1.1020")).status()).isEqualTo(200);

        // a rate is a decimal string with the stored scale (10 decimals)
        assertThat(http.get("/api/currency-rates/EUR?on=2026-06-30").json().get("rate").asString())
                .isEqualTo("1.0850000000");
        assertThat(http.get("/api/currency-rates/EUR?on=2026-07-01").json().get("rate").asString())
                .isEqualTo("1.1020000000");
        assertThat(http.get("/api/currency-rates/EUR?on=2025-12-31").status()).isEqualTo(404);
        assertThat(new java.math.BigDecimal(http.get("/api/currency-rates/USD").json().get("rate").asString())).isEqualByComparingTo("1");
        var table = http.get("/api/currency-rates?currency=EUR").json();
        assertThat(table.get("reportingCurrency").asString()).isEqualTo("USD");
        assertThat(table.get("rates").findValuesAsString("effectiveFrom")).containsExactly("2026-01-01", "2026-07-01");
    }

    @Test
    void badRatesAreRefusedNamingTheField() {
        assertThat(put("/api/currency-rates/EUR/2026-01-01", Map.of("rate", "0")).json().get("errors").get(0)
                .get("field").asString()).isEqualTo("rate");
        assertThat(put("/api/currency-rates/USD/2026-01-01", Map.of("rate", "2")).json().get("errors").get(0)
                .get("field").asString()).isEqualTo("currency");
        assertThat(put("/api/currency-rates/eur/2026-01-01", Map.of("rate", "2")).status()).isEqualTo(400);
        assertThat(put("/api/currency-rates/EUR/someday", Map.of("rate", "2")).status()).isEqualTo(400);
    }
}
