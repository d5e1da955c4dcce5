package io.pipeline.opportunity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.opportunity.importing.MultipartBody;
import io.pipeline.testsupport.BusinessTimes;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.OpenApiContract;
import io.pipeline.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * opportunity-service's served OpenAPI document against its real answers, for every operation of the document
 * (deals, accounts, sales processes, currency rates, imports, fiscal periods):
 * {@link #everyOperationOfTheDocumentHadAValidatedAnswer()} fails when one has none.
 */
class OpportunityOpenApiContractTest extends HttpTestBase {

    static OpenApiContract contract;

    @BeforeEach
    void document() {
        if (contract == null) {
            contract = OpenApiContract.of("http://127.0.0.1:" + port);
        }
    }

    @AfterAll
    static void everyOperationOfTheDocumentHadAValidatedAnswer() {
        contract.assertEveryOperationValidated();
    }

    private HttpJson.Response command(String method, String action, String id, Object body) {
        String path = "/api/opportunities/" + id + "/" + action;
        return contract.assertConforms(method, "/api/opportunities/{id}/" + action,
                method.equals("PUT") ? put(path, body) : post(path, body, null));
    }

    @Test
    void aDealsWholeLifeAnswersWhatTheDocumentPromises() {
        var opened = contract.assertConforms("POST", "/api/opportunities",
                http.post("/api/opportunities", validRequest("contract-deal")));
        var repeated = contract.assertConforms("POST", "/api/opportunities",
                http.post("/api/opportunities", validRequest("contract-deal")));
        var read = contract.assertConforms("GET", "/api/opportunities/{id}", http.get("/api/opportunities/contract-deal"));
        var advanced = command("POST", "advance", "contract-deal", Map.of("stage", "Business case"));
        var regressed = command("POST", "regress", "contract-deal", Map.of("stage", "Qualified"));
        var moved = command("PUT", "close-date", "contract-deal", Map.of("closeDate", "2027-01-29"));
        var repriced = command("PUT", "amount", "contract-deal", Map.of("amount", "99000.10", "currency", "USD"));
        var reassigned = command("PUT", "owner", "contract-deal", Map.of("ownerId", "rep-2", "teamId", "team-1"));
        var overridden = command("PUT", "forecast-category", "contract-deal",
                Map.of("forecastCategory", "BEST_CASE", "reason", "champion confirmed"));
        var deferred = command("POST", "defer", "contract-deal", Map.of("reason", "budget frozen"));
        var reopened = command("POST", "reopen", "contract-deal", Map.of());
        var won = command("POST", "close-won", "contract-deal", Map.of());
        var history = contract.assertConforms("GET", "/api/opportunities/{id}/history",
                http.get("/api/opportunities/contract-deal/history"));
        http.post("/api/opportunities", validRequest("contract-lost"));
        var lost = command("POST", "close-lost", "contract-lost", Map.of("reason", "COMPETITION", "competitor", "Rival"));
        var list = eventually().until(() -> http.get("/api/opportunities?status=WON&sort=amount,desc"),
                answer -> answer.status() == 200 && answer.body().contains("contract-deal"));
        contract.assertConforms("GET", "/api/opportunities", list);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(repeated.status()).isIn(200, 201);
        assertThat(List.of(read, advanced, regressed, moved, repriced, reassigned, overridden, deferred, reopened, won,
                lost, history)).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        // amounts are decimal strings with their scale, in the deal, its list row and its history alike
        assertThat(read.json().path("amount").asString()).isEqualTo("120000.50");
        assertThat(read.json().path("amount").isString()).isTrue();
        assertThat(repriced.json().path("deal").path("amount").asString()).isEqualTo("99000.10");
        assertThat(repriced.json().path("deal").path("amount").isString()).isTrue();
        assertThat(list.json().findValue("amount").isString()).isTrue();
        assertThat(history.body()).contains("\"120000.50\"", "\"99000.10\"");
    }

    @Test
    void aDealAmountMayBeSentAsAJsonNumberToo() {
        http.post("/api/opportunities", validRequest("contract-number"));
        var repriced = put("/api/opportunities/contract-number/amount", "{\"amount\":1234.50}");
        var coerced = put("/api/opportunities/contract-number/amount", "{\"amount\":true}");
        var tooPrecise = put("/api/opportunities/contract-number/amount", "{\"amount\":\"1.234\"}");

        assertThat(repriced.status()).as(repriced.body()).isEqualTo(200);
        assertThat(repriced.json().path("deal").path("amount").asString()).isEqualTo("1234.50");
        assertThat(coerced.status()).isEqualTo(400);
        assertThat(coerced.body()).contains("amount");
        assertThat(tooPrecise.status()).isEqualTo(400);
        assertThat(tooPrecise.body()).contains("amount");
        var request = contract.document().at("/components/schemas/AmountRequest/properties/amount");
        var answer = contract.document().at("/components/schemas/Deal/properties/amount");
        assertThat(request.path("type").toString()).contains("string", "number");
        assertThat(answer.path("type").toString()).contains("string").doesNotContain("number");
        assertThat(answer.path("format").asString()).isEqualTo("decimal");
    }

    @Test
    void aDealsRefusalsAreDocumentedProblems() {
        http.post("/api/opportunities", validRequest("contract-refused"));
        Map<String, Object> nul = validRequest("contract-nul");
        nul.put("regionId", "em\u0000ea");
        HttpJson rep = http.as(TestTokens.rep("rep-9", "team-9", "amer").token());

        var invalid = contract.assertConforms("POST", "/api/opportunities", http.post("/api/opportunities", nul));
        var missing = contract.assertConforms("GET", "/api/opportunities/{id}", http.get("/api/opportunities/nothing"));
        var missingCommand = command("POST", "advance", "nothing", Map.of("stage", "Evaluation"));
        var stale = contract.assertConforms("PUT", "/api/opportunities/{id}/amount",
                put("/api/opportunities/contract-refused/amount", Map.of("amount", "1.00", "currency", "USD"), "\"9\""));
        command("POST", "close-won", "contract-refused", Map.of());
        var conflict = command("POST", "close-lost", "contract-refused", Map.of("reason", "NO_DECISION"));
        var anonymous = contract.assertConforms("GET", "/api/opportunities/{id}",
                new HttpJson("http://127.0.0.1:" + port).get("/api/opportunities/contract-refused"));
        var notTheirs = contract.assertConforms("POST", "/api/opportunities",
                rep.post("/api/opportunities", validRequest("contract-not-theirs")));
        var badSort = contract.assertConforms("GET", "/api/opportunities", http.get("/api/opportunities?sort=colour"));
        var tooLarge = contract.assertConforms("POST", "/api/opportunities",
                http.post("/api/opportunities", "{\"name\":\"" + "x".repeat(1_100_000) + "\"}"));
        var noHistory = contract.assertConforms("GET", "/api/opportunities/{id}/history",
                http.get("/api/opportunities/nothing/history"));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("regionId");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missingCommand.status()).isEqualTo(404);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(noHistory.status()).isEqualTo(404);
    }

    @Test
    void accountsAnswerWhatTheDocumentPromises() {
        var created = contract.assertConforms("POST", "/api/accounts",
                http.post("/api/accounts", Map.of("accountId", "contract-acc", "name", "Contract Co")));
        var repeated = contract.assertConforms("POST", "/api/accounts",
                http.post("/api/accounts", Map.of("accountId", "contract-acc", "name", "Contract Co")));
        var one = contract.assertConforms("GET", "/api/accounts/{id}", http.get("/api/accounts/contract-acc"));
        var all = contract.assertConforms("GET", "/api/accounts", http.get("/api/accounts"));
        var missing = contract.assertConforms("GET", "/api/accounts/{id}", http.get("/api/accounts/nobody"));
        var badId = contract.assertConforms("POST", "/api/accounts",
                http.post("/api/accounts", Map.of("accountId", "not ok!", "name", "Contract Co")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(one.status()).isEqualTo(200);
        assertThat(all.status()).isEqualTo(200);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(badId.status()).isEqualTo(400);
    }

    @Test
    void salesProcessesAndCurrencyRatesAnswerWhatTheDocumentPromises() {
        HttpJson rep = http.as(TestTokens.rep("rep-1", "team-1", "emea").token());
        Map<String, Object> process = Map.of("name", "Contract", "skippingAllowed", false, "stages", List.of(
                Map.of("name", "Registered", "category", "PIPELINE", "firstQualified", true),
                Map.of("name", "Signed off", "category", "COMMIT", "firstQualified", false)));

        var all = contract.assertConforms("GET", "/api/sales-processes", rep.get("/api/sales-processes"));
        var one = contract.assertConforms("GET", "/api/sales-processes/{id}", rep.get("/api/sales-processes/enterprise"));
        var versions = contract.assertConforms("GET", "/api/sales-processes/{id}/versions",
                rep.get("/api/sales-processes/enterprise/versions"));
        var first = contract.assertConforms("GET", "/api/sales-processes/{id}/versions/{version}",
                rep.get("/api/sales-processes/enterprise/versions/1"));
        var defined = contract.assertConforms("PUT", "/api/sales-processes/{id}",
                put("/api/sales-processes/contract-process", process));
        var same = contract.assertConforms("PUT", "/api/sales-processes/{id}",
                put("/api/sales-processes/contract-process", process));
        var notAnAdmin = contract.assertConforms("PUT", "/api/sales-processes/{id}",
                rep.put("/api/sales-processes/contract-process", process));
        var noProcess = contract.assertConforms("GET", "/api/sales-processes/{id}", rep.get("/api/sales-processes/none"));

        assertThat(List.of(all, one, versions, first))
                .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        assertThat(defined.status()).isEqualTo(201);
        assertThat(same.status()).isEqualTo(200);
        assertThat(notAnAdmin.status()).isEqualTo(403);
        assertThat(noProcess.status()).isEqualTo(404);
    }

    @Test
    void anImportAnswersWhatTheDocumentPromises() {
        String deals = """
                deal_id,date,account,name,owner,segment,type,stage,amount,currency,close_date,lost_reason,competitor
                CT-1,2025-01-06,Contract Corp,Contract platform,carol,ENTERPRISE,NEW_BUSINESS,Qualified,1000.50,USD,2025-06-20,,
                """;
        String owners = "crm_owner,rep_id,team_id,region_id,segment\ncarol,rep-carol,team-east,na,\n";
        MultipartBody body = new MultipartBody();
        body.file("deals", "deals.csv", deals.getBytes(StandardCharsets.UTF_8));
        body.file("owners", "owners.csv", owners.getBytes(StandardCharsets.UTF_8));

        var started = contract.assertConforms("POST", "/api/imports", http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/imports?format=PIPELINE"))
                .header("Content-Type", body.contentType()).POST(body.publisher())));
        String location = started.header("Location");
        var finished = eventually().atMost(Duration.ofSeconds(60)).until(() -> http.get(location),
                answer -> answer.status() == 200 && io.pipeline.opportunity.importing.ImportStatus.valueOf(
                        answer.json().path("status").asString()).finished());
        contract.assertConforms("GET", "/api/imports/{id}", finished);
        var unknown = contract.assertConforms("GET", "/api/imports/{id}", http.get("/api/imports/none"));
        MultipartBody empty = new MultipartBody();
        empty.file("owners", "owners.csv", owners.getBytes(StandardCharsets.UTF_8));
        var noDeals = contract.assertConforms("POST", "/api/imports", http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/imports?format=PIPELINE"))
                .header("Content-Type", empty.contentType()).POST(empty.publisher())));

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(finished.json().path("status").asString()).as(finished.body()).isEqualTo("DONE");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(noDeals.status()).isEqualTo(400);
        assertThat(noDeals.body()).contains("deals");
    }

    @Test
    void thePeriodsAnswerWhatTheDocumentPromises() {
        HttpJson revops = http.as(TestTokens.revops("revops-1").token());
        HttpJson rep = http.as(TestTokens.rep("rep-1", "team-1", "emea").token());
        String last = BusinessTimes.quarterBefore(1).id();

        contract.assertConforms("GET", "/api/periods", rep.get("/api/periods"));
        var one = contract.assertConforms("GET", "/api/periods/{period}", rep.get("/api/periods/" + last));
        var closed = contract.assertConforms("POST", "/api/periods/{period}/close",
                revops.post("/api/periods/" + last + "/close", Map.of("reason", "books closed")));
        var forbidden = contract.assertConforms("POST", "/api/periods/{period}/reopen",
                rep.post("/api/periods/" + last + "/reopen", Map.of()));
        var reopened = contract.assertConforms("POST", "/api/periods/{period}/reopen",
                revops.post("/api/periods/" + last + "/reopen", Map.of("reason", "a late correction")));
        var closedAgain = revops.post("/api/periods/" + last + "/close", Map.of("reason", "books closed again"));
        var unknown = contract.assertConforms("GET", "/api/periods/{period}", rep.get("/api/periods/FY20X6-Q9"));

        assertThat(one.status()).isEqualTo(200);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(closedAgain.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(400);
    }
}
