package io.pipeline.lead.web;

import static io.pipeline.lead.web.LeadApi.captureRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HostileBodies;
import io.pipeline.testsupport.RealInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** service-platform's input policy on the lead requests, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class LeadInputPolicyHttpTest {

    @LocalServerPort
    int port;
    LeadApi api;

    @BeforeEach
    void client() {
        api = new LeadApi(port);
    }

    @Test
    void aNulInEachKindOfFieldIsRefusedNamingTheField() {
        for (String field : new String[] {"leadId", "personName", "email", "company", "ownerId", "regionId"}) {
            Map<String, Object> body = captureRequest("lead-nul-" + field, "sdr-1");
            body.put(field, "x\u0000");

            var response = api.capture(body);

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
        }
    }

    @Test
    void freeTextTakesLineBreaksButNoNul() {
        api.capture(captureRequest("lead-free-text", "sdr-1"));

        var withLines = api.transition("lead-free-text", "disqualify", Map.of("reason", "No budget.\nMaybe in Q3."));
        var withNul = api.transition("lead-free-text", "disqualify", Map.of("reason", "No\u0000budget"));

        assertThat(withLines.status()).as(withLines.body()).isLessThan(300);
        assertThat(withNul.status()).isEqualTo(400);
        assertThat(withNul.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
    }

    @Test
    void hostileCaptureBodiesGetNo5xxAndEvery400NamesAField() {
        for (Map<String, Object> body : HostileBodies.from(captureRequest("lead-hostile", "sdr-1"), 29, 200)) {
            body.computeIfPresent("leadId", (k, v) -> v instanceof String ? "lead-hostile-" + v.hashCode() : v);
            HostileBodies.assertRefusedCleanlyOrAccepted(api.capture(body), body);
        }
    }
}
