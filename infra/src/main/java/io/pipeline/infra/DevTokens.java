package io.pipeline.infra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** Bearer tokens from the local stack's dev issuer (the gateway's {@code POST /auth/token}), for demo users. */
public final class DevTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DevTokens() {
    }

    /** A token for the demo user ({@code rep-1}, {@code manager-1}, {@code admin-1}, ...: {@code GET /auth/users}). */
    public static String fetch(HttpClient http, String gatewayUrl, String username) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("username="
                        + URLEncoder.encode(username, StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The dev issuer refused a token for " + username + ": "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException("The dev issuer at " + gatewayUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
