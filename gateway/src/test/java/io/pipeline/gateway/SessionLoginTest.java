package io.pipeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.embedded.Ports;
import io.pipeline.testissuer.TestOidcIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Session login over real HTTP against a real OIDC issuer (Spring Authorization Server, {@link TestOidcIssuer}):
 * a cookie-keeping client plays the browser through the authorization code flow with PKCE, then reads {@code /api}
 * with the session cookie alone; the service behind the gateway receives the user's access token. Every URL the
 * browser visits is recorded: no token may appear in any of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SessionLoginTest {

    static final int GATEWAY_PORT = Ports.freePort();
    static final String GATEWAY = "http://127.0.0.1:" + GATEWAY_PORT;
    static final TestOidcIssuer ISSUER = TestOidcIssuer.start(Ports.freePort(), GATEWAY);
    static final StubService services = new StubService();
    static final Pattern HIDDEN_INPUT = Pattern.compile(
            "<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> GATEWAY_PORT);
        registry.add("LEAD_SERVICE_URL", services::url);
        registry.add("OPPORTUNITY_SERVICE_URL", services::url);
        registry.add("FORECAST_SERVICE_URL", services::url);
        // the services (here the stub) and the gateway's bearer check trust the same issuer as the session login
        registry.add("JWT_ISSUER_URI", ISSUER::issuer);
        registry.add("JWT_JWK_SET_URI", () -> ISSUER.issuer() + "/oauth2/jwks");
        registry.add("pipeline.gateway.session-login.enabled", () -> "true");
        registry.add("pipeline.gateway.session-login.issuer-uri", ISSUER::issuer);
        registry.add("pipeline.gateway.session-login.client-id", () -> TestOidcIssuer.CLIENT_ID);
        registry.add("pipeline.gateway.session-login.client-secret", () -> TestOidcIssuer.CLIENT_SECRET);
        registry.add("pipeline.gateway.session-login.provider-name", () -> "Test IdP");
        // plain HTTP in the test: production keeps Secure cookies
        registry.add("pipeline.gateway.session-login.secure-cookies", () -> "false");
    }

    @AfterAll
    static void stop() {
        services.close();
        ISSUER.close();
    }

    @Test
    void aSessionUserReadsTheApiWithTheRelayedTokenAndNoTokenIsEverInAUrl() {
        Browser browser = new Browser();
        assertThat(browser.get(GATEWAY + "/session").body())
                .contains("\"sessionLogin\":true", "\"provider\":\"Test IdP\"",
                        "\"signInUrl\":\"/oauth2/authorization/pipeline\"")
                .doesNotContain("\"user\"");
        assertThat(browser.get(GATEWAY + "/api/opportunities").statusCode()).isEqualTo(401);

        browser.signIn("rep-1");
        String authorize = browser.visited.stream().filter(url -> url.contains("/oauth2/authorize")).findFirst()
                .orElseThrow();
        assertThat(authorize).contains("code_challenge=", "code_challenge_method=S256");

        HttpResponse<String> session = browser.get(GATEWAY + "/session");
        assertThat(session.body()).contains("\"sub\":\"rep-1\"", "\"roles\":[\"rep\"]", "\"team\":\"team-1\"",
                "\"region\":\"emea\"");
        assertThat(session.headers().firstValue("Cache-Control")).hasValue("no-store");

        services.seen.clear();
        HttpResponse<String> deal = browser.get(GATEWAY + "/api/opportunities/deal-7");
        assertThat(deal.statusCode()).isEqualTo(200);
        StubService.Seen seen = services.seenAt("/api/opportunities/deal-7").get(0);
        assertThat(seen.authorization()).startsWith("Bearer ");
        String firstToken = seen.authorization().substring("Bearer ".length());
        Map<String, String> claims = claims(firstToken);
        assertThat(claims.get("sub")).isEqualTo("\"rep-1\"");
        assertThat(claims.get("iss")).isEqualTo("\"" + ISSUER.issuer() + "\"");
        assertThat(claims.get("roles")).isEqualTo("[\"rep\"]");
        assertThat(claims.get("team")).isEqualTo("\"team-1\"");

        // the access token lives 30 s, under the 60 s clock skew: the gateway refreshed it for this relay
        browser.get(GATEWAY + "/api/forecast/coverage?period=FY2026-Q4");
        String secondToken = services.seenAt("/api/forecast/coverage").get(0).authorization()
                .substring("Bearer ".length());
        assertThat(secondToken).isNotEqualTo(firstToken);
        assertThat(claims(secondToken).get("sub")).isEqualTo("\"rep-1\"");

        // a second user's session relays their own identity, never the first one's
        Browser other = new Browser();
        other.signIn("rep-2");
        services.seen.clear();
        other.get(GATEWAY + "/api/opportunities/deal-7");
        assertThat(claims(services.seenAt("/api/opportunities/deal-7").get(0).authorization()
                .substring("Bearer ".length())).get("sub")).isEqualTo("\"rep-2\"");

        assertThat(browser.visited).allSatisfy(url -> assertThat(url)
                .doesNotContain(firstToken, secondToken, "eyJ", "access_token", "id_token", "refresh_token"));
        assertThat(other.visited).allSatisfy(url -> assertThat(url)
                .doesNotContain("eyJ", "access_token", "id_token", "refresh_token"));
        // the services never see the browser's cookies
        assertThat(services.seen).isNotEmpty();
    }

    /**
     * The issuer refuses to renew the session's token (its sessions were revoked there): the gateway answers the
     * dashboard's next call 401 with a problem body, not a 500, relays nothing, and the session has no user any more,
     * so the page shows its sign-in screen; signing in again works.
     */
    @Test
    void aRefreshTheIssuerRefusesAnswers401WithAProblemAndTheSessionHasNoUser() {
        Browser browser = new Browser();
        browser.signIn("rep-revoked");
        assertThat(browser.get(GATEWAY + "/api/opportunities/deal-7").statusCode()).isEqualTo(200);

        ISSUER.refuseRefreshFor("rep-revoked");
        services.seen.clear();
        // the access token lives 30 s, under the 60 s clock skew: this relay needs a refresh, which is refused
        HttpResponse<String> refused = browser.get(GATEWAY + "/api/opportunities/deal-7");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"type\":\"urn:pipeline:problem:unauthenticated\"", "\"status\":401",
                "sign in again").doesNotContain("eyJ", "invalid_grant");
        assertThat(services.seenAt("/api/opportunities/deal-7")).as("nothing relayed without a token").isEmpty();

        // what the dashboard asks next: no user, so it shows the sign-in link; later calls stay 401, never 500
        assertThat(browser.get(GATEWAY + "/session").body()).contains("\"sessionLogin\":true")
                .doesNotContain("\"user\"");
        HttpResponse<String> again = browser.get(GATEWAY + "/api/forecast/coverage?period=FY2026-Q4");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(401);
        assertThat(again.body()).contains("urn:pipeline:problem:unauthenticated");
    }

    @Test
    void theSessionAndCsrfCookiesAreHttpOnlyAndLaxAndTheTokensStayOnTheServer() {
        Browser browser = new Browser();
        browser.signIn("rep-1");
        String session = browser.setCookies.stream().filter(c -> c.startsWith("SESSION=")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(session).containsIgnoringCase("HttpOnly").contains("SameSite=Lax");
        String csrf = browser.setCookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(csrf).contains("SameSite=Lax").doesNotContainIgnoringCase("HttpOnly");
        // nothing the browser received from the gateway holds a token
        assertThat(browser.gatewayBodies).allSatisfy(body -> assertThat(body).doesNotContain("eyJ"));
    }

    @Test
    void aChangeWithTheSessionCookieButWithoutTheCsrfTokenIsRefused() {
        Browser browser = new Browser();
        browser.signIn("rep-1");
        services.seen.clear();
        HttpResponse<String> forged = browser.postJson(GATEWAY + "/api/opportunities", "{}", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(forged.body()).contains("urn:pipeline:problem:csrf", "X-XSRF-TOKEN");
        HttpResponse<String> wrong = browser.postJson(GATEWAY + "/api/opportunities", "{}",
                Map.of("X-XSRF-TOKEN", "not-the-token"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(services.seenAt("/api/opportunities")).isEmpty();

        HttpResponse<String> sent = browser.postJson(GATEWAY + "/api/opportunities", "{}",
                Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
        assertThat(sent.statusCode()).isEqualTo(200);
        StubService.Seen seen = services.seenAt("/api/opportunities").get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(claims(seen.authorization().substring("Bearer ".length())).get("sub")).isEqualTo("\"rep-1\"");

        // a bearer-token caller (BI, scripts, tests) needs no CSRF token and no session, as before
        String token = seen.authorization().substring("Bearer ".length());
        HttpResponse<String> bearer = new Browser().postJson(GATEWAY + "/api/opportunities", "{}",
                Map.of("Authorization", "Bearer " + token));
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(services.seenAt("/api/opportunities")).hasSize(2);
        assertThat(services.seenAt("/api/opportunities").get(1).authorization()).isEqualTo("Bearer " + token);
    }

    @Test
    void signingOutEndsTheGatewaySessionAndTheIssuersWithoutATokenInAUrl() {
        Browser browser = new Browser();
        browser.signIn("rep-1");
        assertThat(browser.get(GATEWAY + "/api/opportunities").statusCode()).isEqualTo(200);

        // a logout without the CSRF token is refused: a cross-site page cannot sign the user out either
        assertThat(browser.postForm(GATEWAY + "/logout", Map.of()).statusCode()).isEqualTo(403);

        HttpResponse<String> loggedOut = browser.postForm(GATEWAY + "/logout",
                Map.of("_csrf", browser.cookie("XSRF-TOKEN")));
        assertThat(loggedOut.statusCode()).isEqualTo(200);
        assertThat(loggedOut.headers().firstValue("Location")).isEmpty();
        assertThat(loggedOut.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(loggedOut.body());
        assertThat(action.find()).isTrue();
        assertThat(action.group(1)).isEqualTo(ISSUER.issuer() + "/connect/logout");
        Map<String, String> fields = hiddenInputs(loggedOut.body());
        assertThat(fields).containsKeys("id_token_hint", "client_id", "post_logout_redirect_uri");

        // the gateway's session is gone at once
        assertThat(browser.get(GATEWAY + "/api/opportunities").statusCode()).isEqualTo(401);
        assertThat(browser.get(GATEWAY + "/session").body()).doesNotContain("\"user\"");

        // RP-initiated logout at the issuer, by POST (the ID token hint in the body, not the URL)
        HttpResponse<String> back = browser.follow(browser.postForm(action.group(1), fields));
        assertThat(back.uri().toString()).as("%s %s", back.statusCode(), back.body()).isEqualTo(GATEWAY + "/");
        assertThat(back.statusCode()).isEqualTo(200);
        // the issuer's own session ended too: signing in again asks for the password
        HttpResponse<String> again = browser.follow(browser.get(GATEWAY + "/oauth2/authorization/pipeline"));
        assertThat(again.uri().getPath()).isEqualTo("/login");
        assertThat(browser.visited).allSatisfy(url -> assertThat(url)
                .doesNotContain(fields.get("id_token_hint"), "eyJ", "id_token", "access_token"));
    }

    /**
     * The dashboard in headless Chromium (where it is installed): the sign-in screen offers the issuer's link, not
     * the demo users. The DOM after the page's scripts ran is read, and a screenshot kept under target/.
     */
    @Test
    void theDashboardsSignInScreenOffersTheIssuer() throws Exception {
        java.nio.file.Path chromium = java.util.stream.Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                .map(java.nio.file.Path::of).filter(java.nio.file.Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(chromium != null,
                "no browser: install Debian's chromium to run this check");
        java.nio.file.Path screenshot = java.nio.file.Path.of("target/session-sign-in.png").toAbsolutePath();
        String dom = headless(chromium, "--dump-dom");
        assertThat(dom).contains("Sign in with Test IdP", "href=\"/oauth2/authorization/pipeline\"")
                .doesNotContain("button class=\"user\"");
        headless(chromium, "--screenshot=" + screenshot);
        assertThat(screenshot).exists();
    }

    private static String headless(java.nio.file.Path chromium, String what) throws Exception {
        java.nio.file.Path profile = java.nio.file.Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--virtual-time-budget=5000", what,
                GATEWAY + "/").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** The JSON claims of a JWT, as raw JSON values by name (enough to compare against the expected text). */
    static Map<String, String> claims(String jwt) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Map<String, String> claims = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"([a-z_]+)\":(\"[^\"]*\"|\\[[^]]*]|[^,}]+)").matcher(json);
        while (m.find()) {
            claims.put(m.group(1), m.group(2));
        }
        return claims;
    }

    static Map<String, String> hiddenInputs(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN_INPUT.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">"));
        }
        return fields;
    }

    /**
     * A browser for the flow: keeps cookies, follows redirects itself so that every URL it visits and every
     * {@code Set-Cookie} it receives is recorded.
     */
    static final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        final List<String> visited = new ArrayList<>();
        final List<String> setCookies = new ArrayList<>();
        final List<String> gatewayBodies = new ArrayList<>();

        /** Signs in at the issuer as {@code user} and comes back to the dashboard with a session. */
        void signIn(String user) {
            HttpResponse<String> loginPage = follow(get(GATEWAY + "/oauth2/authorization/pipeline"));
            assertThat(loginPage.uri().getPath()).isEqualTo("/login");
            Map<String, String> form = new LinkedHashMap<>(hiddenInputs(loginPage.body()));
            form.put("username", user);
            form.put("password", TestOidcIssuer.PASSWORD);
            HttpResponse<String> home = follow(postForm(loginPage.uri().toString(), form));
            assertThat(home.uri().toString()).isEqualTo(GATEWAY + "/");
            assertThat(home.statusCode()).isEqualTo(200);
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
        }

        HttpResponse<String> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        }

        HttpResponse<String> postForm(String url, Map<String, String> form) {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        HttpResponse<String> postJson(String url, String json, Map<String, String> headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(request::header);
            return send(request.build());
        }

        HttpResponse<String> follow(HttpResponse<String> response) {
            int hops = 0;
            while (response.statusCode() / 100 == 3 && hops++ < 20) {
                String location = response.headers().firstValue("Location").orElseThrow();
                response = get(response.uri().resolve(location).toString());
            }
            return response;
        }

        private HttpResponse<String> send(HttpRequest request) {
            visited.add(request.uri().toString());
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                setCookies.addAll(response.headers().allValues("Set-Cookie"));
                response.headers().firstValue("Location").ifPresent(visited::add);
                if (request.uri().toString().startsWith(GATEWAY)) {
                    gatewayBodies.add(response.body());
                }
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
