package io.pipeline.gateway.session;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * After the gateway's session has ended: RP-initiated logout at the issuer when its discovery document names an
 * {@code end_session_endpoint}, else back to the dashboard. The logout request is POSTed by a self-submitting form
 * (OIDC RP-Initiated Logout 1.0 allows POST), not a redirect, because a redirect would carry the ID token hint in
 * the URL, where browser history, proxies and the issuer's access log keep it.
 */
final class IssuerLogout implements ServerLogoutSuccessHandler {

    private final ReactiveClientRegistrationRepository registrations;

    IssuerLogout(ReactiveClientRegistrationRepository registrations) {
        this.registrations = registrations;
    }

    @Override
    public Mono<Void> onLogoutSuccess(WebFilterExchange exchange, Authentication authentication) {
        ServerHttpResponse response = exchange.getExchange().getResponse();
        String home = UriComponentsBuilder.fromUri(exchange.getExchange().getRequest().getURI())
                .replacePath("/").replaceQuery(null).fragment(null).build().toUriString();
        if (!(authentication instanceof OAuth2AuthenticationToken oauth)
                || !(oauth.getPrincipal() instanceof OidcUser user)) {
            return backHome(response);
        }
        // decide first, then write once: a written response is an empty Mono, which must not trigger a fallback
        return registrations.findByRegistrationId(oauth.getAuthorizedClientRegistrationId())
                .filter(registration -> registration.getProviderDetails().getConfigurationMetadata()
                        .get("end_session_endpoint") != null)
                .flatMap(registration -> postToIssuer(response, registration.getProviderDetails()
                        .getConfigurationMetadata().get("end_session_endpoint").toString(), registration,
                        newestIdToken(exchange, user), home)
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> backHome(response).thenReturn(true)))
                .then();
    }

    /** The ID token of the last refresh if there was one (see {@link LatestIdToken}), else the sign-in's. */
    private static String newestIdToken(WebFilterExchange exchange, OidcUser user) {
        Object refreshed = exchange.getExchange().getAttribute(LatestIdToken.EXCHANGE_ATTRIBUTE);
        return refreshed != null ? refreshed.toString() : user.getIdToken().getTokenValue();
    }

    private static Mono<Void> backHome(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.SEE_OTHER);
        response.getHeaders().setLocation(URI.create("/"));
        return response.setComplete();
    }

    private static Mono<Void> postToIssuer(ServerHttpResponse response, String endSession,
                                           ClientRegistration registration, String idToken, String home) {
        String page = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head>
                <body><form id="end-session" method="post" action="%s">
                <input type="hidden" name="id_token_hint" value="%s">
                <input type="hidden" name="client_id" value="%s">
                <input type="hidden" name="post_logout_redirect_uri" value="%s">
                <p>You are signed out of the dashboard. <button type="submit">Sign out of %s too</button></p>
                </form><script>document.getElementById('end-session').submit();</script></body></html>
                """.formatted(HtmlUtils.htmlEscape(endSession), HtmlUtils.htmlEscape(idToken),
                HtmlUtils.htmlEscape(registration.getClientId()), HtmlUtils.htmlEscape(home),
                HtmlUtils.htmlEscape(registration.getClientName()));
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        response.getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
    }
}
