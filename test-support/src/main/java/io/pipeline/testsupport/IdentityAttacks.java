package io.pipeline.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ways a caller may try to get in without a valid identity, each sent to one endpoint over real HTTP, so every
 * service's tests show the same list refused the same way (401).
 */
public final class IdentityAttacks {

    private IdentityAttacks() {
    }

    /**
     * Sends {@code method path} (a JSON {@code body}, or none when null) once per attack: no token, an expired
     * token, a token signed by an untrusted key, a malformed token, a token naming no subject, and headers forging
     * an admin identity without a token. Answers each response by the attack's name.
     */
    public static Map<String, HttpJson.Response> send(String baseUrl, String method, String path, Object body) {
        TestTokens.User admin = TestTokens.admin("intruder");
        Map<String, Map<String, String>> attacks = new LinkedHashMap<>();
        attacks.put("no token", Map.of());
        attacks.put("expired token", Map.of("Authorization", "Bearer " + admin.expiredToken()));
        attacks.put("token signed by an untrusted key", Map.of("Authorization", "Bearer " + admin.tokenSignedByAnotherKey()));
        attacks.put("malformed token", Map.of("Authorization", "Bearer not.a.jwt"));
        attacks.put("token without a subject", Map.of("Authorization", "Bearer "
                + new TestTokens.User(null, List.of("admin"), null, null).token()));
        attacks.put("forged identity headers", Map.of("X-User", "admin-1", "X-User-Id", "admin-1",
                "X-Roles", "admin", "X-Forwarded-User", "admin-1"));
        HttpJson http = new HttpJson(baseUrl);
        Map<String, HttpJson.Response> responses = new LinkedHashMap<>();
        attacks.forEach((name, headers) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(HttpJson.toJson(body)));
            headers.forEach(request::header);
            responses.put(name, http.send(request));
        });
        return responses;
    }
}
