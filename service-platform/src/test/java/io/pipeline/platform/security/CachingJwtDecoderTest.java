package io.pipeline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    /** Decodes "sub|expiresInSeconds|notBeforeInSecondsFromNow" and counts its calls; "bad" is refused. */
    final List<String> decoded = new ArrayList<>();
    final JwtDecoder delegate = token -> {
        decoded.add(token);
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature");
        }
        String[] parts = token.split("\\|");
        Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(parts[0])
                .issuedAt(NOW.minusSeconds(1)).expiresAt(NOW.plusSeconds(Long.parseLong(parts[1])));
        if (parts.length > 2) {
            jwt.notBefore(NOW.plusSeconds(Long.parseLong(parts[2])));
        }
        return jwt.build();
    };

    CachingJwtDecoder decoderAt(Instant now, int capacity) {
        return new CachingJwtDecoder(delegate, Clock.fixed(now, ZoneOffset.UTC), capacity);
    }

    @Test
    void theSameValidTokenIsCheckedOnceUntilItExpires() {
        CachingJwtDecoder decoder = decoderAt(NOW, 10);
        Jwt first = decoder.decode("rep-1|300");
        Jwt again = decoder.decode("rep-1|300");
        assertThat(again).isSameAs(first);
        assertThat(decoded).containsExactly("rep-1|300");

        decoder.decode("rep-2|300");
        assertThat(decoded).containsExactly("rep-1|300", "rep-2|300");
    }

    @Test
    void anExpiredRememberedTokenGoesBackToTheDelegate() {
        MutableClock clock = new MutableClock(NOW);
        CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock, 10);
        decoder.decode("rep-3|60");
        clock.now = NOW.plusSeconds(59);
        decoder.decode("rep-3|60");
        assertThat(decoded).hasSize(1);
        clock.now = NOW.plusSeconds(60);
        decoder.decode("rep-3|60");
        assertThat(decoded).hasSize(2);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndStaysRefused() {
        CachingJwtDecoder decoder = decoderAt(NOW, 10);
        assertThatThrownBy(() -> decoder.decode("bad|300")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad|300")).isInstanceOf(BadJwtException.class);
        assertThat(decoded).containsExactly("bad|300", "bad|300");
    }

    @Test
    void aTokenNotYetValidIsNotServedFromMemory() {
        CachingJwtDecoder decoder = decoderAt(NOW, 10);
        decoder.decode("rep-1|300|30");
        decoder.decode("rep-1|300|30");
        assertThat(decoded).hasSize(2);
    }

    @Test
    void manyDistinctTokensStayWithinTheCapacity() {
        CachingJwtDecoder decoder = decoderAt(NOW, 3);
        for (int i = 0; i < 4; i++) {
            decoder.decode("rep-" + i + "|300");
        }
        decoder.decode("rep-3|300");
        assertThat(decoded).hasSize(4); // rep-3 was remembered after the reset
        decoder.decode("rep-0|300");
        assertThat(decoded).hasSize(5); // rep-0 was dropped when the capacity was reached
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
