package io.pipeline.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Signs RS256 tokens for the demo users with a key pair made when the gateway starts (a restart invalidates old
 * tokens; the services fetch the new key by its id). Nimbus does the signing, the same library that validates.
 */
public final class DevTokenIssuer {

    /** What a token request answers, in the shape of an OAuth2 token response (RFC 6749 section 5.1). */
    public record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    private final DevIssuerSettings settings;
    private final RSAKey key;
    private final Map<String, DevIssuerSettings.DemoUser> users;
    private final Clock clock;

    public DevTokenIssuer(DevIssuerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.users = settings.users().stream().collect(Collectors.toMap(DevIssuerSettings.DemoUser::id,
                Function.identity()));
        try {
            this.key = new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not make the dev issuer's key pair", e);
        }
    }

    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    public String issuer() {
        return settings.issuer();
    }

    public JWKSet jwkSet() {
        return new JWKSet(publicKey());
    }

    public DevIssuerSettings settings() {
        return settings;
    }

    /** A token for the demo user, or empty when there is no such user. */
    public Optional<TokenResponse> tokenFor(String userId) {
        DevIssuerSettings.DemoUser user = userId == null ? null : users.get(userId);
        if (user == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(user.id())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.lifetime())))
                .claim("roles", user.roles());
        if (user.team() != null) {
            claims.claim("team", user.team());
        }
        if (user.region() != null) {
            claims.claim("region", user.region());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return Optional.of(new TokenResponse(jwt.serialize(), "Bearer", settings.lifetime().toSeconds()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a dev token", e);
        }
    }
}
