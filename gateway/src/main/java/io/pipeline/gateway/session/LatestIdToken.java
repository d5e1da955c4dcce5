package io.pipeline.gateway.session;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The newest ID token of a session. An issuer may hand out a new ID token with each refresh and accept only that one
 * as the logout's {@code id_token_hint} (Spring Authorization Server does), while the signed-in principal keeps the
 * one of the sign-in. So each refresh answer's ID token is kept in the session, and read before the session ends.
 */
final class LatestIdToken {

    static final String SESSION_ATTRIBUTE = "pipeline.session-login.latest-id-token";
    static final String EXCHANGE_ATTRIBUTE = LatestIdToken.class.getName();

    private LatestIdToken() {
    }

    /** The refresh grant's client, remembering the answer's ID token in the session of the exchange under way. */
    static ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> remembered() {
        WebClientReactiveRefreshTokenTokenResponseClient delegate = new WebClientReactiveRefreshTokenTokenResponseClient();
        return grant -> Mono.deferContextual(context -> delegate.getTokenResponse(grant).flatMap(response -> {
            Object idToken = response.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
            // Spring Security puts the exchange into the Reactor context of every request it filters
            ServerWebExchange exchange = context.getOrDefault(ServerWebExchange.class, null);
            if (idToken == null || exchange == null) {
                return Mono.just(response);
            }
            return exchange.getSession()
                    .doOnNext(session -> session.getAttributes().put(SESSION_ATTRIBUTE, idToken.toString()))
                    .thenReturn(response);
        }));
    }

    /** A logout step before the session is invalidated: the newest ID token moves to the exchange. */
    static ServerLogoutHandler keptForLogout() {
        return (exchange, authentication) -> exchange.getExchange().getSession().doOnNext(session -> {
            Object idToken = session.getAttributes().get(SESSION_ATTRIBUTE);
            if (idToken != null) {
                exchange.getExchange().getAttributes().put(EXCHANGE_ATTRIBUTE, idToken);
            }
        }).then();
    }
}
