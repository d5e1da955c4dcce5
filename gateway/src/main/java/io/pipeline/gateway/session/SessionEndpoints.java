package io.pipeline.gateway.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /session}: how the dashboard signs in on this server, and who is signed in with the session. The user's
 * claims are those of the access token the services will receive ({@code sub}, {@code roles}, {@code team},
 * {@code region}), so the page offers the controls the services will honour; the token itself never leaves the
 * gateway. Bearer-token callers have no session: for them {@code user} is null.
 */
@RestController
public class SessionEndpoints {

    /** What the dashboard needs; {@code signInUrl} and {@code provider} only with session login. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionAnswer(boolean sessionLogin, String provider, String signInUrl, SessionUser user) {
    }

    /** The signed-in user as the services see them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionUser(String sub, List<String> roles, String team, String region) {
    }

    private final ObjectProvider<SessionLogin> sessionLogin;
    private final ObjectProvider<ReactiveJwtDecoder> jwtDecoder;

    public SessionEndpoints(ObjectProvider<SessionLogin> sessionLogin, ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        this.sessionLogin = sessionLogin;
        this.jwtDecoder = jwtDecoder;
    }

    @GetMapping(value = "/session", produces = "application/json")
    public Mono<ResponseEntity<SessionAnswer>> session(ServerWebExchange exchange) {
        SessionLogin login = sessionLogin.getIfAvailable();
        if (login == null) {
            return Mono.just(answer(new SessionAnswer(false, null, null, null)));
        }
        return exchange.getPrincipal()
                .filter(OAuth2AuthenticationToken.class::isInstance)
                .cast(OAuth2AuthenticationToken.class)
                .flatMap(principal -> userOf(login, principal, exchange))
                .map(user -> new SessionAnswer(true, login.settings().displayName(), SessionLoginSettings.SIGN_IN_PATH,
                        user))
                .defaultIfEmpty(new SessionAnswer(true, login.settings().displayName(),
                        SessionLoginSettings.SIGN_IN_PATH, null))
                .map(SessionEndpoints::answer);
    }

    private static ResponseEntity<SessionAnswer> answer(SessionAnswer body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /**
     * The access token's claims (refreshing the token if it expired: a session whose refresh is refused has no user
     * any more); an opaque access token falls back to the ID token's claims.
     */
    private Mono<SessionUser> userOf(SessionLogin login, OAuth2AuthenticationToken principal,
                                     ServerWebExchange exchange) {
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest
                .withClientRegistrationId(principal.getAuthorizedClientRegistrationId())
                .principal((Authentication) principal)
                .attribute(ServerWebExchange.class.getName(), exchange)
                .build();
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        return login.clientManager().authorize(request)
                .flatMap(client -> {
                    Mono<Map<String, Object>> claims = decoder == null ? Mono.empty()
                            : decoder.decode(client.getAccessToken().getTokenValue()).map(jwt -> jwt.getClaims());
                    return claims.onErrorResume(opaque -> Mono.empty())
                            .switchIfEmpty(Mono.fromSupplier(() -> principal.getPrincipal() instanceof OidcUser oidc
                                    ? oidc.getClaims() : principal.getPrincipal().getAttributes()));
                })
                .map(SessionEndpoints::user)
                .onErrorResume(refused -> Mono.empty());
    }

    private static SessionUser user(Map<String, Object> claims) {
        Object roles = claims.get("roles");
        List<String> roleList = roles instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        return new SessionUser(String.valueOf(claims.get("sub")), roleList, text(claims.get("team")),
                text(claims.get("region")));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
