package io.pipeline.lead.web;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RequestBodies;
import io.pipeline.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/** The lead endpoints as a test client calls them, over real HTTP. */
final class LeadApi {

    private final String baseUrl;
    private final HttpJson http;

    LeadApi(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.http = new HttpJson(baseUrl, TestTokens.admin());
    }

    static Map<String, Object> captureRequest(String leadId, String ownerId) {
        return RequestBodies.captureLead(leadId, ownerId);
    }

    static Map<String, Object> bant() {
        return Map.of("bant", Map.of("budget", "100k", "authority", "CFO", "need", "forecasting", "timing", "Q3"));
    }

    static Map<String, Object> conversion() {
        return Map.of("accountId", "acc-1", "accountName", "Acme Inc", "opportunityName", "Acme forecasting",
                "amount", "50000.00", "currency", "EUR", "closeDate", "2026-12-31");
    }

    HttpJson.Response capture(Map<String, Object> body) {
        return http.post("/api/leads", body);
    }

    HttpJson.Response transition(String leadId, String action, Object body) {
        return http.post("/api/leads/" + leadId + "/" + action, body);
    }

    HttpJson.Response transition(String leadId, String action, Object body, String ifMatch) {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/leads/" + leadId + "/" + action))
                .header("Content-Type", "application/json")
                .header("If-Match", ifMatch)
                .POST(HttpRequest.BodyPublishers.ofString(HttpJson.toJson(body))));
    }

    HttpJson.Response get(String path) {
        return http.get(path);
    }

    HttpJson.Response postRaw(String path, String json) {
        return http.post(path, json);
    }

    /** Captures a lead and walks it to the state after the given actions, failing on any refusal. */
    void walk(String leadId, String ownerId, String... actions) {
        expectOk(capture(captureRequest(leadId, ownerId)));
        for (String action : actions) {
            Object body = switch (action) {
                case "qualify" -> bant();
                case "accept" -> Map.of("aeId", "ae-1", "teamId", "team-ae");
                case "reject", "disqualify" -> Map.of("reason", "no fit");
                case "convert" -> conversion();
                default -> Map.of();
            };
            expectOk(transition(leadId, action, body));
        }
    }

    private static void expectOk(HttpJson.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError("Expected success, got " + response.status() + ": " + response.body());
        }
    }
}
