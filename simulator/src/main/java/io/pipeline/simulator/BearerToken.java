package io.pipeline.simulator;

import java.util.function.Supplier;

/**
 * Where the API driver gets the bearer token it sends: fetched lazily, fetched again after a 401 (a token
 * expires, and a restarted dev issuer signs with a new key).
 */
public final class BearerToken {

    private final Supplier<String> issuer;
    private volatile String current;

    public BearerToken(Supplier<String> issuer) {
        this.issuer = issuer;
    }

    /** A fixed token, e.g. given on the command line. */
    public static BearerToken of(String token) {
        return new BearerToken(() -> token);
    }

    String header() {
        String token = current;
        if (token == null) {
            token = issuer.get();
            current = token;
        }
        return "Bearer " + token;
    }

    void expired() {
        current = null;
    }
}
