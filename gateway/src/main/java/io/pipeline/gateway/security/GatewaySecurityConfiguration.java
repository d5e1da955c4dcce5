package io.pipeline.gateway.security;

import io.pipeline.gateway.GatewayProblems;
import io.pipeline.gateway.session.SessionLogin;
import io.pipeline.gateway.session.SessionLoginSettings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * The gateway refuses a request without a valid bearer token at the door (401 problem), so a flood of anonymous
 * traffic never reaches the services; the services validate the token again and decide who sees what. Public:
 * health, the API documents and Swagger UI, the dev issuer's endpoints, and the dashboard's static files (the page
 * itself holds no data: every figure it shows comes from {@code /api} with the signed-in user's token). With session
 * login on ({@link SessionLogin}), a browser's session cookie authenticates too, and the gateway relays the session
 * user's access token; bearer tokens keep working beside it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DevIssuerSettings.class, SessionLoginSettings.class})
public class GatewaySecurityConfiguration {

    /**
     * Spring Security's firewall refuses a path with an encoded NUL, a control character, {@code ..} or {@code ;}
     * before any route; its default answer is a 400 without a body.
     */
    @Bean
    ServerExchangeRejectedHandler exchangeRejectedProblems() {
        return (exchange, rejected) -> GatewayProblems.write(exchange, HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", "The request's path holds a character or sequence the gateway does not accept"
                        + " (an encoded NUL or control character, '..', ';' or '//'). Send the path without it.");
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ObjectProvider<SessionLogin> sessionLogin) {
        SessionLogin login = sessionLogin.getIfAvailable();
        if (login != null) {
            login.configure(http);
        } else {
            http.csrf(ServerHttpSecurity.CsrfSpec::disable); // bearer tokens only, no cookie to ride on
        }
        return http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .pathMatchers("/auth/**", "/session", "/api-docs/**", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/webjars/**").permitAll()
                        .pathMatchers("/", "/index.html", "/app.css", "/js/**", "/favicon.ico").permitAll()
                        .pathMatchers("/actuator/**").hasAuthority("ROLE_admin")
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll()) // anything else is no route: 404
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(RolesClaim.authentication()))
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .build();
    }

    /** 401 with the RFC 6750 challenge; the detail never repeats the token or why exactly it failed. */
    static ServerAuthenticationEntryPoint unauthenticated() {
        return (exchange, exception) -> {
            boolean refused = exception instanceof InvalidBearerTokenException;
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    refused ? "Bearer error=\"invalid_token\"" : "Bearer");
            return GatewayProblems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authentication required", refused
                            ? "The bearer token was refused: it is expired, not yet valid, malformed or not signed by"
                            + " a trusted issuer. Get a new one."
                            : "This needs a bearer token (Authorization: Bearer <token>).");
        };
    }

    static ServerAccessDeniedHandler forbidden() {
        return (exchange, denied) -> GatewayProblems.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "Your roles do not allow this.");
    }

    /** The local stack: tokens of the gateway's own dev issuer, checked against its key without any HTTP call. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "pipeline.security.dev-issuer.enabled", havingValue = "true")
    static class DevIssuer {

        @Bean
        DevTokenIssuer devTokenIssuer(DevIssuerSettings settings) {
            return new DevTokenIssuer(settings, Clock.systemUTC());
        }

        @Bean
        ReactiveJwtDecoder devIssuerJwtDecoder(DevTokenIssuer issuer) throws Exception {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(issuer.publicKey().toRSAPublicKey())
                    .build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(issuer.issuer())));
            return decoder;
        }
    }
}
