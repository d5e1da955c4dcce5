package io.pipeline.testissuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OIDC issuer for the session-login tests: Spring Authorization Server on a servlet stack of its own, in the
 * test JVM, on a free port. One confidential client (the gateway) that must use PKCE, with the authorization code and
 * refresh token grants; users whose access and ID tokens carry the {@code roles}, {@code team} and {@code region}
 * claims the services read. Access tokens live 30 s, under the client's 60 s clock skew, so the gateway refreshes the
 * token on every relay: the tests see the refresh happen.
 */
public final class TestOidcIssuer implements AutoCloseable {

    public static final String CLIENT_ID = "pipeline-gateway";
    public static final String CLIENT_SECRET = "gateway-secret";
    public static final String PASSWORD = "demo-password";

    /** The users: roles, team and region as the services read them. */
    public record TestUser(String id, List<String> roles, String team, String region) {
    }

    public static final Map<String, TestUser> USERS = Map.of(
            "rep-1", new TestUser("rep-1", List.of("rep"), "team-1", "emea"),
            "rep-2", new TestUser("rep-2", List.of("rep"), "team-1", "emea"),
            "manager-1", new TestUser("manager-1", List.of("manager"), "team-1", "emea"),
            // the user whose sessions the issuer ends (refuseRefreshFor), so no other test's user is touched
            "rep-revoked", new TestUser("rep-revoked", List.of("rep"), "team-1", "emea"));

    private static String issuer;
    private static String gatewayUrl;
    /** Users whose refresh tokens the issuer no longer honours (revoked, say, or the user disabled). */
    private static final Set<String> REFUSED_REFRESH = ConcurrentHashMap.newKeySet();

    private final ConfigurableApplicationContext context;

    private TestOidcIssuer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the issuer on {@code port}, with the gateway at {@code gateway} as its registered client. */
    public static synchronized TestOidcIssuer start(int port, String gateway) {
        issuer = "http://127.0.0.1:" + port;
        gatewayUrl = gateway;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IssuerApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=" + port, "server.address=127.0.0.1",
                        // not the gateway's application.yml, which is on this classpath too
                        "spring.config.name=test-oidc-issuer",
                        "spring.main.web-application-type=servlet",
                        "spring.cloud.gateway.server.webflux.enabled=false",
                        "management.tracing.export.zipkin.enabled=false",
                        "management.otlp.metrics.export.enabled=false",
                        "management.logging.export.otlp.enabled=false",
                        "management.tracing.sampling.probability=0.0",
                        "springdoc.api-docs.enabled=false")
                .run();
        return new TestOidcIssuer(context);
    }

    public String issuer() {
        return issuer;
    }

    /**
     * From now on the issuer refuses to refresh {@code user}'s tokens: a refresh grant answers 400
     * {@code invalid_grant}, as when an administrator revoked the user's sessions at the identity provider.
     */
    public void refuseRefreshFor(String user) {
        REFUSED_REFRESH.add(user);
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class IssuerApplication {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, as -> as.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(exceptions -> exceptions
                            .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(USERS.keySet().stream()
                    .map(id -> User.withUsername(id).password("{noop}" + PASSWORD).roles("USER").build()).toList());
        }

        @Bean
        RegisteredClientRepository clients() {
            RegisteredClient gateway = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(gatewayUrl + "/login/oauth2/code/pipeline")
                    .postLogoutRedirectUri(gatewayUrl + "/")
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireProofKey(true)
                            .requireAuthorizationConsent(false).build())
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofSeconds(30))
                            .refreshTokenTimeToLive(Duration.ofHours(1)).build())
                    .build();
            return new InMemoryRegisteredClientRepository(gateway);
        }

        /** roles, team and region in the access token (what the services read) and the ID token. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> pipelineClaims() {
            return context -> {
                TestUser user = USERS.get(context.getPrincipal().getName());
                if (user == null) {
                    return;
                }
                context.getClaims().claim("roles", user.roles());
                if (user.team() != null) {
                    context.getClaims().claim("team", user.team());
                }
                if (user.region() != null) {
                    context.getClaims().claim("region", user.region());
                }
            };
        }

        /** Spring Authorization Server's own in-memory store, except that a refused user's refresh token is unknown. */
        @Bean
        OAuth2AuthorizationService authorizations() {
            InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();
            return new OAuth2AuthorizationService() {
                @Override
                public void save(OAuth2Authorization authorization) {
                    store.save(authorization);
                }

                @Override
                public void remove(OAuth2Authorization authorization) {
                    store.remove(authorization);
                }

                @Override
                public OAuth2Authorization findById(String id) {
                    return store.findById(id);
                }

                @Override
                public OAuth2Authorization findByToken(String token, OAuth2TokenType type) {
                    OAuth2Authorization found = store.findByToken(token, type);
                    boolean refresh = OAuth2TokenType.REFRESH_TOKEN.equals(type) || type == null && found != null
                            && found.getRefreshToken() != null
                            && token.equals(found.getRefreshToken().getToken().getTokenValue());
                    return found != null && refresh && REFUSED_REFRESH.contains(found.getPrincipalName()) ? null : found;
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().issuer(issuer).build();
        }
    }
}
