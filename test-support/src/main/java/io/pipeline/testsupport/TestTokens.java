package io.pipeline.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Bearer tokens for tests, signed like a real issuer's (RS256, with a key id), and that issuer's JWK set served
 * over real HTTP, once per test JVM. A service under test trusts it through {@link #jwkSetUri()} and
 * {@link #ISSUER} (set by {@link RealInfrastructure} contexts); tests mint tokens for any user, expired ones and
 * ones signed by a key nobody trusts.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.pipeline.invalid";
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private static final RSAKey TRUSTED = generate("test-key");
    private static final RSAKey UNTRUSTED = generate("test-key"); // same key id: only the signature tells them apart
    private static volatile HttpServer jwkServer;

    private TestTokens() {
    }

    /** Who a token speaks for; {@code team} and {@code region} may be null. */
    public record User(String id, List<String> roles, String team, String region) {

        public String token() {
            return sign(this, Instant.now(), LIFETIME, TRUSTED);
        }

        /** Expired five minutes ago, well past any clock-skew allowance. */
        public String expiredToken() {
            return sign(this, Instant.now().minus(LIFETIME).minusSeconds(300), LIFETIME, TRUSTED);
        }

        /** Well-formed and unexpired, but signed by a key the services do not trust. */
        public String tokenSignedByAnotherKey() {
            return sign(this, Instant.now(), LIFETIME, UNTRUSTED);
        }
    }

    public static User rep(String id, String team, String region) {
        return new User(id, List.of("rep"), team, region);
    }

    public static User manager(String id, String team, String region) {
        return new User(id, List.of("manager"), team, region);
    }

    /** A region's leader. */
    public static User leader(String id, String region) {
        return new User(id, List.of("leader"), null, region);
    }

    /** The CRO: a leader of no one region, so of the whole org. */
    public static User cro(String id) {
        return new User(id, List.of("leader"), null, null);
    }

    public static User revops(String id) {
        return new User(id, List.of("revops"), null, null);
    }

    public static User bi(String id) {
        return new User(id, List.of("bi"), null, null);
    }

    public static User admin(String id) {
        return new User(id, List.of("admin"), null, null);
    }

    /** A token of a test administrator: for tests about something other than who may do it. */
    public static String admin() {
        return admin("test-admin").token();
    }

    /** The URL of the trusted key's JWK set, served from this JVM. */
    public static String jwkSetUri() {
        return "http://127.0.0.1:" + server().getAddress().getPort() + "/jwks";
    }

    private static synchronized HttpServer server() {
        if (jwkServer == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                byte[] body = new JWKSet(TRUSTED.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                server.createContext("/jwks", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.setExecutor(null);
                server.start();
                jwkServer = server;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not serve the test JWK set", e);
            }
        }
        return jwkServer;
    }

    static String sign(User user, Instant issuedAt, Duration lifetime, RSAKey key) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.id())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
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
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
