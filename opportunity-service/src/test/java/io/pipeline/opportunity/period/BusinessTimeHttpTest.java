package io.pipeline.opportunity.period;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.testsupport.BusinessTimes;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The business-time rule over real HTTP and the real event store: a rep may not date a deal change into the
 * future nor into a closed fiscal quarter; RevOps closes and reopens quarters; an admin's history is marked imported.
 */
class BusinessTimeHttpTest extends HttpTestBase {

    private HttpJson rep;
    private HttpJson revops;
    private HttpJson admin;

    @BeforeEach
    void callers() {
        rep = http.as(TestTokens.rep("rep-1", "team-1", "emea").token());
        revops = http.as(TestTokens.revops("revops-1").token());
        admin = http.as(TestTokens.admin("admin-1").token());
    }

    private void open(String id) {
        var opened = rep.post("/api/opportunities", validRequest(id));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    }

    private HttpJson.Response amountAt(HttpJson caller, String id, Instant occurredAt) {
        return caller.put("/api/opportunities/" + id + "/amount",
                Map.of("amount", "99000.00", "currency", "USD", "occurredAt", occurredAt.toString()));
    }

    private static String occurredAtProblem(HttpJson.Response refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("occurredAt");
        return error.get("message").asString();
    }

    private List<String> historyTypes(String id) {
        return rep.get("/api/opportunities/" + id + "/history").json().get("items").valueStream()
                .map(item -> item.get("type").asString()).toList();
    }

    @Test
    void aRepBackDatingIntoAQuarterPastItsGraceIsRefusedNamingOccurredAtAndNothingIsStored() {
        BusinessTimes.Quarter old = BusinessTimes.quarterBefore(2);
        open("bt-grace");

        String message = occurredAtProblem(amountAt(rep, "bt-grace", old.inside()));

        // closed on its own five days (the default grace) after its end
        assertThat(message).contains("fiscal quarter " + old.id() + ", closed since "
                + old.end().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(5, ChronoUnit.DAYS));
        assertThat(historyTypes("bt-grace")).containsExactly("OpportunityOpened");
        Map<String, Object> backDatedOpen = validRequest("bt-grace-open");
        backDatedOpen.put("occurredAt", old.inside().toString());
        occurredAtProblem(rep.post("/api/opportunities", backDatedOpen));
        assertThat(rep.get("/api/opportunities/bt-grace-open/history").status()).isEqualTo(404);
    }

    @Test
    void aBusinessTimeInsideTheClockSkewIsAcceptedAndOneBeyondItIsRefused() {
        open("bt-skew");

        assertThat(amountAt(rep, "bt-skew", Instant.now().plus(1, ChronoUnit.MINUTES)).status()).isEqualTo(200);
        assertThat(occurredAtProblem(amountAt(rep, "bt-skew", Instant.now().plus(10, ChronoUnit.MINUTES))))
                .contains("is in the future");
        assertThat(historyTypes("bt-skew")).containsExactly("OpportunityOpened", "AmountChanged");
    }

    @Test
    void revOpsClosesAndReopensTheQuarterJustEndedAndARepIsRefusedOnlyWhileItIsClosed() {
        BusinessTimes.Quarter last = BusinessTimes.quarterBefore(1);
        String path = "/api/periods/" + last.id();
        open("bt-close");

        var reopened = revops.post(path + "/reopen", Map.of("reason", "late invoices"));
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.json().get("state").asString()).isEqualTo("OPEN");
        assertThat(reopened.json().get("by").asString()).isEqualTo("revops-1");
        assertThat(amountAt(rep, "bt-close", last.inside()).status()).isEqualTo(200);

        var closed = revops.post(path + "/close", Map.of("reason", "books closed"));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("state").asString()).isEqualTo("CLOSED");
        String since = closed.json().get("since").asString();
        assertThat(rep.get(path).json().get("state").asString()).isEqualTo("CLOSED");
        assertThat(occurredAtProblem(amountAt(rep, "bt-close", last.inside().plusSeconds(60))))
                .contains("fiscal quarter " + last.id() + ", closed since " + since + " by revops-1");
        assertThat(historyTypes("bt-close")).containsExactly("OpportunityOpened", "AmountChanged");
        // published for lead-service (and any other consumer) on pipeline.periods.v1, keyed by the quarter
        var published = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.PERIODS,
                r -> last.id().equals(r.key()) && "pipeline.period.PeriodClosed".equals(
                        KafkaProbe.header(r, EventHeaders.TYPE)), found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(published).isNotEmpty();

        for (String action : List.of("/close", "/reopen")) {
            var forbidden = rep.post(path + action, Map.of());
            assertThat(forbidden.status()).as(action).isEqualTo(403);
            assertThat(forbidden.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
        }
        assertThat(admin.post(path + "/reopen", Map.of()).json().get("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void anAdminMayBackDateIntoAClosedQuarterAndTheHistoryShowsItImported() {
        BusinessTimes.Quarter old = BusinessTimes.quarterBefore(3);
        open("bt-admin");

        var accepted = amountAt(admin, "bt-admin", old.inside());

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        JsonNode items = rep.get("/api/opportunities/bt-admin/history").json().get("items");
        assertThat(items.get(0).get("imported").asBoolean()).isFalse();
        assertThat(items.get(1).get("occurredAt").asString()).isEqualTo(old.inside().toString());
        assertThat(items.get(1).get("actor").asString()).isEqualTo("admin-1");
        assertThat(items.get(1).get("imported").asBoolean()).isTrue();
    }

    @Test
    void theQuartersAroundTodayShowWhichAreClosedAndOnlyAnEndedQuarterCanBeClosed() {
        JsonNode quarters = rep.get("/api/periods").json();

        assertThat(quarters.valueStream().map(q -> q.get("period").asString()).toList()).containsExactly(
                BusinessTimes.quarterBefore(4).id(), BusinessTimes.quarterBefore(3).id(),
                BusinessTimes.quarterBefore(2).id(), BusinessTimes.quarterBefore(1).id(),
                BusinessTimes.quarterBefore(0).id(), BusinessTimes.quarterBefore(-1).id());
        assertThat(quarters.get(2).get("state").asString()).isEqualTo("CLOSED_BY_GRACE");
        assertThat(quarters.get(4).get("state").asString()).isEqualTo("OPEN");
        assertThat(quarters.get(4).get("since").isNull()).isTrue();

        var current = revops.post("/api/periods/" + BusinessTimes.quarterBefore(0).id() + "/close", Map.of());
        assertThat(current.status()).isEqualTo(400);
        assertThat(current.json().get("errors").get(0).get("field").asString()).isEqualTo("period");
        assertThat(rep.get("/api/periods/FY2026-M07").status()).isEqualTo(400);
    }
}
