package io.pipeline.lead.web;

import static io.pipeline.lead.web.LeadApi.captureRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HostileBodies;
import io.pipeline.testsupport.HostileListParameters;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.TestTokens;
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

    /**
     * The list's team and region filters (and owner): a hostile value is a 400 naming it, or an empty page; a lead
     * exists, so a filter that was dropped instead of applied would show.
     */
    @Test
    void hostileTeamAndRegionFiltersOfTheListAreRefusedNamingThemOrSelectNothing() {
        assertThat(api.capture(captureRequest("lead-list-hostile", "sdr-1")).status()).isEqualTo(201);
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
                () -> http.get("/api/leads?teamId=team-sdr").json().get("totalItems").asLong() > 0);
        for (String parameter : java.util.List.of("teamId", "regionId", "ownerId")) {
            HostileListParameters.assertAnsweredCleanly(http, "/api/leads?size=5", parameter);
        }
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
