package io.pipeline.lead.web;

import static io.pipeline.lead.web.LeadApi.captureRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.OpenApiContract;
import io.pipeline.testsupport.RealInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** lead-service's served OpenAPI document against its real answers, successes and refusals alike. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class LeadOpenApiContractTest {

    @LocalServerPort
    int port;
    LeadApi api;
    OpenApiContract contract;

    @BeforeEach
    void client() {
        api = new LeadApi(port);
        contract = OpenApiContract.of("http://127.0.0.1:" + port);
    }

    @Test
    void everyAnswerOfTheLeadEndpointsIsOneTheDocumentPromises() {
        contract.assertConforms("POST", "/api/leads", api.capture(captureRequest("contract-1", "sdr-1")));
        var repeated = contract.assertConforms("POST", "/api/leads", api.capture(captureRequest("contract-1", "sdr-1")));
        var read = contract.assertConforms("GET", "/api/leads/{leadId}", api.get("/api/leads/contract-1"));
        contract.assertConforms("GET", "/api/leads", api.get("/api/leads"));
        var nurtured = contract.assertConforms("POST", "/api/leads/{leadId}/nurture",
                api.transition("contract-1", "nurture", Map.of()));

        assertThat(repeated.status()).isEqualTo(200);
        assertThat(read.status()).isIn(200, 404); // the list's read model may lag a moment
        assertThat(nurtured.status()).isEqualTo(200);
    }

    @Test
    void everyRefusalIsADocumentedProblem() {
        api.capture(captureRequest("contract-2", "sdr-1"));
        Map<String, Object> nul = new LinkedHashMap<>(captureRequest("contract-nul", "sdr-1"));
        nul.put("regionId", "em\u0000ea");

        var invalid = contract.assertConforms("POST", "/api/leads", api.capture(nul));
        var missing = contract.assertConforms("GET", "/api/leads/{leadId}", api.get("/api/leads/nobody-here"));
        var illegal = contract.assertConforms("POST", "/api/leads/{leadId}/convert",
                api.transition("contract-2", "convert", LeadApi.conversion()));
        var stale = contract.assertConforms("POST", "/api/leads/{leadId}/nurture",
                api.transition("contract-2", "nurture", Map.of(), "\"7\""));
        var anonymous = contract.assertConforms("GET", "/api/leads",
                new HttpJson("http://127.0.0.1:" + port).get("/api/leads"));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("regionId");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void theDocumentStatesTheInputPolicy() {
        var capture = contract.document().at("/components/schemas");
        String document = contract.document().toString();

        assertThat(capture.isObject()).isTrue();
        assertThat(document).contains("\"maxLength\":256", "\"Problem\"", "application/problem+json");
        assertThat(contract.operation("POST", "/api/leads").path("responses").propertyNames())
                .contains("201", "400", "401", "403", "413", "429");
        assertThat(contract.operation("GET", "/api/leads/{leadId}").path("responses").propertyNames())
                .contains("200", "404").doesNotContain("201", "409");
    }
}
