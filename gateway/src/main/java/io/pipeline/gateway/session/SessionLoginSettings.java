package io.pipeline.gateway.session;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session login: the gateway as the OAuth client of the organisation's OIDC issuer, holding the user's session (the
 * dashboard's production sign-in). Off by default: the local stack signs in with the dev issuer and bearer tokens.
 *
 * @param enabled       {@code SESSION_LOGIN_ENABLED=true} in production
 * @param issuerUri     the OIDC issuer, found by discovery ({@code /.well-known/openid-configuration}); the same
 *                      issuer whose access tokens the services validate ({@code JWT_ISSUER_URI})
 * @param clientId      the gateway's client registration at the issuer ({@code OIDC_CLIENT_ID})
 * @param clientSecret  its secret ({@code OIDC_CLIENT_SECRET}, from a secret store; never logged)
 * @param providerName  what the sign-in page names ("Sign in with ..."); the issuer's host when not given
 * @param scopes        asked for at sign-in; {@code offline_access} if the issuer hands out refresh tokens only then
 * @param secureCookies the session and CSRF cookies carry {@code Secure} (only a test over plain HTTP turns it off)
 */
@ConfigurationProperties("pipeline.gateway.session-login")
public record SessionLoginSettings(@DefaultValue("false") boolean enabled,
                                   String issuerUri,
                                   String clientId,
                                   String clientSecret,
                                   String providerName,
                                   @DefaultValue({"openid", "profile"}) List<String> scopes,
                                   @DefaultValue("true") boolean secureCookies) {

    /** The registration id: the sign-in link is {@code /oauth2/authorization/pipeline}. */
    public static final String REGISTRATION_ID = "pipeline";
    public static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

    public SessionLoginSettings {
        scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
        if (enabled) {
            require(issuerUri, "issuer-uri (OIDC_ISSUER_URI or JWT_ISSUER_URI)");
            require(clientId, "client-id (OIDC_CLIENT_ID)");
            require(clientSecret, "client-secret (OIDC_CLIENT_SECRET)");
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("pipeline.gateway.session-login." + name
                    + " must be set when session login is enabled");
        }
    }

    /** The name on the sign-in button. */
    public String displayName() {
        if (providerName != null && !providerName.isBlank()) {
            return providerName;
        }
        String host = issuerUri == null ? null : URI.create(issuerUri).getHost();
        return host == null ? "your identity provider" : host;
    }
}
