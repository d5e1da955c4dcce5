package io.pipeline.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers the tokens the real decoder accepted, until they expire, so a client sending the same bearer token
 * with every request pays for one signature check and one parse, not one per request (an RS256 verification and
 * the JSON parse were a tenth of a small command's CPU). Only the exact token text is ever matched, a token the
 * delegate refused is never remembered, and a token is served from memory no longer than its {@code exp} and not
 * before its {@code nbf}: the answer is the one the delegate would give, minus the clock skew it tolerates.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Jwt> accepted = new ConcurrentHashMap<>();

    public CachingJwtDecoder(JwtDecoder delegate, Clock clock, int capacity) {
        this.delegate = delegate;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) {
        Jwt remembered = accepted.get(token);
        Instant now = clock.instant();
        if (remembered != null && isCurrent(remembered, now)) {
            return remembered;
        }
        Jwt decoded = delegate.decode(token);
        if (decoded.getExpiresAt() != null && isCurrent(decoded, now)) {
            if (accepted.size() >= capacity) {
                // a burst of distinct tokens: start over rather than track recency on every hit
                accepted.clear();
            }
            accepted.put(token, decoded);
        } else if (remembered != null) {
            accepted.remove(token);
        }
        return decoded;
    }

    private static boolean isCurrent(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())
                && (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore()));
    }
}
