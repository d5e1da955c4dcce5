package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenOpportunityHttpTest extends HttpTestBase {

    @Test
    void anOpenedDealIsStoredOnceAndPublishedKeyedByItsIdWithCloudEventsHeaders() {
        var created = http.post("/api/opportunities", validRequest("opp-http-1"));
        var retried = http.post("/api/opportunities", validRequest("opp-http-1"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/opportunities/opp-http-1");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Integer.class, "opp-http-1")).isEqualTo(1);

        var records = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.OPPORTUNITIES,
                r -> "opp-http-1".equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        var record = records.get(0);
        assertThat(KafkaProbe.header(record, EventHeaders.TYPE)).isEqualTo("pipeline.opportunity.OpportunityOpened");
        assertThat(KafkaProbe.header(record, EventHeaders.SUBJECT)).isEqualTo("opp-http-1");
        assertThat(KafkaProbe.header(record, EventHeaders.SEQUENCE)).isEqualTo("0");
        assertThat(KafkaProbe.header(record, EventHeaders.SOURCE)).isEqualTo("/opportunity-service");
        assertThat(KafkaProbe.header(record, EventHeaders.CORRELATION_ID)).isEqualTo(created.header("X-Correlation-Id"));
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"amount\":\"120000.50\"");
    }

    @Test
    void opensOfOneIdRacingEachOtherRecordOneDealAndAllAnswerIt() throws Exception {
        int racers = 6;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.post("/api/opportunities", validRequest("opp-race-1")).status();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Integer.class, "opp-race-1")).isEqualTo(1);
    }

    @Test
    void missingAndMalformedFieldsAreNamedInAProblemResponse() {
        Map<String, Object> body = validRequest("opp-http-bad");
        body.remove("accountId");
        body.put("currency", "usd");
        body.put("amount", "-5");

        var response = http.post("/api/opportunities", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactly("accountId", "amount", "currency");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void unknownEnumValuesUnknownFieldsAndBrokenJsonAreRefusedWithA400() {
        Map<String, Object> badSegment = validRequest("opp-http-enum");
        badSegment.put("segment", "GIANT");
        Map<String, Object> typo = validRequest("opp-http-typo");
        typo.put("closedate", "2026-12-01");

        assertThat(http.post("/api/opportunities", badSegment).json().get("errors").get(0).get("field").asString())
                .isEqualTo("segment");
        assertThat(http.post("/api/opportunities", typo).json().get("errors").get(0).get("field").asString())
                .isEqualTo("closedate");
        var broken = http.post("/api/opportunities", "{\"name\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("title").asString()).isEqualTo("Malformed JSON");
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier like 'opp-http-%'"
                + " and aggregateidentifier <> 'opp-http-1'", Integer.class)).isZero();
    }

    @Test
    void anUnknownStageIsRefusedNamingTheStagesOfTheProcess() {
        Map<String, Object> body = validRequest("opp-http-stage");
        body.put("stage", "Dreaming");

        var response = http.post("/api/opportunities", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("stage");
        assertThat(response.json().get("detail").asString()).contains("Business case");
    }
}
