package io.pipeline.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local stack's token issuer: it signs tokens for the demo users below, with a key pair made at start, so the
 * whole system runs with real bearer tokens and no identity provider. Never enabled in production.
 *
 * @param enabled  only the local stack and tests turn it on ({@code DEV_TOKEN_ISSUER_ENABLED=true})
 * @param issuer   the {@code iss} of its tokens; the services check it ({@code JWT_ISSUER_URI})
 * @param lifetime how long a token is valid
 * @param users    who may ask for a token, by id; nothing else is needed (no password: demo only)
 */
@ConfigurationProperties("pipeline.security.dev-issuer")
public record DevIssuerSettings(@DefaultValue("false") boolean enabled,
                                @DefaultValue("http://127.0.0.1:8080/auth") String issuer,
                                @DefaultValue("8h") Duration lifetime,
                                List<DemoUser> users) {

    /** A demo user: {@code team} and {@code region} for reps and managers. */
    public record DemoUser(String id, List<String> roles, String team, String region) {
    }

    public DevIssuerSettings {
        users = users == null || users.isEmpty() ? DEFAULT_USERS : List.copyOf(users);
    }

    /** Two teams of two reps, each with a manager, a leader per region, the CRO, one user of each org-wide role. */
    static final List<DemoUser> DEFAULT_USERS = List.of(
            new DemoUser("rep-1", List.of("rep"), "team-1", "emea"),
            new DemoUser("rep-2", List.of("rep"), "team-1", "emea"),
            new DemoUser("rep-3", List.of("rep"), "team-2", "amer"),
            new DemoUser("rep-4", List.of("rep"), "team-2", "amer"),
            new DemoUser("manager-1", List.of("manager"), "team-1", "emea"),
            new DemoUser("manager-2", List.of("manager"), "team-2", "amer"),
            new DemoUser("leader-emea", List.of("leader"), null, "emea"),
            new DemoUser("leader-amer", List.of("leader"), null, "amer"),
            new DemoUser("cro-1", List.of("leader"), null, null),
            new DemoUser("revops-1", List.of("revops"), null, null),
            new DemoUser("bi-1", List.of("bi"), null, null),
            new DemoUser("admin-1", List.of("admin"), null, null));
}
