package io.pipeline.gateway.session;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** The OAuth client's parts, only with {@code pipeline.gateway.session-login.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pipeline.gateway.session-login.enabled", havingValue = "true")
class SessionLoginConfiguration {

    /**
     * The issuer's endpoints come from its discovery document, read once at start: a gateway that cannot reach its
     * issuer does not start (as Spring Boot's own client registration does), rather than failing every sign-in.
     */
    @Bean
    ReactiveClientRegistrationRepository sessionLoginRegistrations(SessionLoginSettings settings) {
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                .registrationId(SessionLoginSettings.REGISTRATION_ID)
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(settings.scopes())
                .clientName(settings.displayName())
                .build();
        return new InMemoryReactiveClientRegistrationRepository(registration);
    }

    /** The user's tokens live in their web session: they end with it, and two sessions of one user never mix. */
    @Bean
    ServerOAuth2AuthorizedClientRepository sessionAuthorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** What TokenRelay asks for the access token: the stored one, or a refreshed one when it is (nearly) expired. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager sessionAuthorizedClientManager(
            ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository clients) {
        DefaultReactiveOAuth2AuthorizedClientManager manager =
                new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.accessTokenResponseClient(LatestIdToken.remembered()))
                .build());
        return manager;
    }

    @Bean
    SessionLogin sessionLogin(SessionLoginSettings settings, ReactiveClientRegistrationRepository registrations,
                              ServerOAuth2AuthorizedClientRepository clients,
                              ReactiveOAuth2AuthorizedClientManager manager) {
        return new SessionLogin(settings, registrations, clients, manager);
    }
}
