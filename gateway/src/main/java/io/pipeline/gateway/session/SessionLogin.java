package io.pipeline.gateway.session;

import io.pipeline.gateway.GatewayProblems;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfServerLogoutHandler;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The gateway as the OAuth client holding the session (backend for frontend): authorization code with PKCE against
 * the configured OIDC issuer; the access and refresh tokens stay in the server-side session
 * ({@link SessionLoginConfiguration}); the browser holds only the HttpOnly session cookie. {@code TokenRelay}
 * (application.yml) puts the session user's access token, refreshed when it expires, on the request to a service.
 * Bearer-token callers (BI, tests, scripts) are untouched: they send no cookie and need no CSRF token.
 */
public final class SessionLogin {

    /** The dashboard sends the CSRF cookie's value back in this header (Spring Security's default name). */
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";
    public static final String CSRF_COOKIE = "XSRF-TOKEN";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);
    private static final List<String> COOKIE_AUTHENTICATED = List.of("/api/**", "/logout");
    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final Logger log = LoggerFactory.getLogger(SessionLogin.class);

    private final SessionLoginSettings settings;
    private final ReactiveClientRegistrationRepository registrations;
    private final ServerOAuth2AuthorizedClientRepository authorizedClients;
    private final ReactiveOAuth2AuthorizedClientManager clientManager;

    public SessionLogin(SessionLoginSettings settings, ReactiveClientRegistrationRepository registrations,
                        ServerOAuth2AuthorizedClientRepository authorizedClients,
                        ReactiveOAuth2AuthorizedClientManager clientManager) {
        this.settings = settings;
        this.registrations = registrations;
        this.authorizedClients = authorizedClients;
        this.clientManager = clientManager;
    }

    public SessionLoginSettings settings() {
        return settings;
    }

    public ReactiveOAuth2AuthorizedClientManager clientManager() {
        return clientManager;
    }

    /** oauth2Login, the session as the security context's home, CSRF for cookie-authenticated calls, logout. */
    public void configure(ServerHttpSecurity http) {
        DefaultServerOAuth2AuthorizationRequestResolver authorizationRequests =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        // PKCE even though the gateway is a confidential client: a stolen code is useless without the verifier
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").secure(settings.secureCookies()));
        http.securityContextRepository(new WebSessionServerSecurityContextRepository())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .authorizationRequestResolver(authorizationRequests)
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/"))
                        // the dashboard reads the fragment and says so; no detail of the failure in the URL
                        .authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler(
                                "/#sign-in-failed")))
                // the cookie-to-header pattern: the page reads the XSRF-TOKEN cookie (not HttpOnly: it is no
                // credential) and sends it as X-XSRF-TOKEN; a cross-site page can neither read the cookie nor set
                // the header. The plain handler (not the XOR one) because the page sends the cookie's value as is.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(cookieAuthenticatedChanges())
                        .accessDeniedHandler(csrfRefused()))
                .addFilterAfter(issueCsrfCookie(), SecurityWebFiltersOrder.CSRF)
                .addFilterAfter(sessionEndedWhenTheIssuerRefuses(), SecurityWebFiltersOrder.AUTHORIZATION)
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutHandler(new DelegatingServerLogoutHandler(LatestIdToken.keptForLogout(),
                                new SecurityContextServerLogoutHandler(),
                                new CsrfServerLogoutHandler(csrfTokens), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(new IssuerLogout(registrations)));
    }

    /**
     * A change (POST, PUT, PATCH, DELETE) under /api or a logout, sent without an Authorization header: only then does
     * the session cookie authenticate it, and only then can a cross-site page forge it. A bearer token is never sent
     * by the browser on its own, so bearer callers need no CSRF token; the dev issuer's {@code /auth/token} is public.
     */
    static ServerWebExchangeMatcher cookieAuthenticatedChanges() {
        return exchange -> {
            var request = exchange.getRequest();
            boolean change = !SAFE.contains(request.getMethod());
            String path = request.getPath().pathWithinApplication().value();
            boolean cookieAuthenticated = COOKIE_AUTHENTICATED.stream().anyMatch(p -> PATHS.match(p, path))
                    && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            return change && cookieAuthenticated ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    private static ServerAccessDeniedHandler csrfRefused() {
        return (exchange, denied) -> GatewayProblems.write(exchange, HttpStatus.FORBIDDEN, "csrf", "CSRF token missing",
                "A change sent with the session cookie needs the " + CSRF_HEADER + " header holding the "
                        + CSRF_COOKIE + " cookie's value (bearer-token callers need none).");
    }

    /**
     * The issuer refused to renew the session's access token ({@code invalid_grant}: the refresh token revoked or
     * expired, the user disabled), or a later call finds the session without tokens: the sign-in has ended. An
     * {@code /api} call is the dashboard's {@code fetch}, which cannot follow Spring Security's redirect to the
     * issuer (another origin) nor would a 500 say what happened; so the session ends here and the call answers 401
     * with a problem, like any refused token, and the page shows its sign-in screen. The issuer's error code is
     * logged, not answered: it says nothing the person can act on. Inside the authorization-request redirect filter,
     * so this answers before that filter would redirect.
     */
    private static WebFilter sessionEndedWhenTheIssuerRefuses() {
        return (exchange, chain) -> chain.filter(exchange).onErrorResume(OAuth2AuthorizationException.class, refused -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            if (!PATHS.match("/api/**", path)) {
                return Mono.error(refused);
            }
            log.info("Session ended on {}: the issuer did not renew its token ({})", path,
                    refused.getError().getErrorCode());
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return exchange.getSession().flatMap(WebSession::invalidate).then(GatewayProblems.write(exchange,
                    HttpStatus.UNAUTHORIZED, "unauthenticated", "Session ended",
                    "The identity provider no longer renews this session's sign-in; sign in again."));
        });
    }

    /** Spring Security makes the CSRF token lazily; subscribing to it makes the repository set the cookie. */
    private static WebFilter issueCsrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }
}
