package io.pipeline.platform.security;

import java.util.Locale;
import java.util.Optional;

/** What a person does in the sales org; a token's {@code roles} claim lists them in lower case. */
public enum Role {
    /** Changes and reads only their own leads, deals and forecast. */
    REP,
    /** Reads, and acts on, the leads, deals and figures of their own team. */
    MANAGER,
    /**
     * Leads a region (the token's {@code region} claim): reads its figures and calls its forecast. A leader's token
     * without a region claim leads the whole org: the CRO, who calls the org's forecast.
     */
    LEADER,
    /** Reads everything, changes nothing. */
    REVOPS,
    /** Reads everything (figures, CSV), changes nothing. */
    BI,
    /** Reads and changes everything, and alone manages sales processes, quotas, currency rates and the org. */
    ADMIN;

    /** The Spring Security authority this role grants ({@code ROLE_ADMIN}). */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role named in a token, if it is one of ours; unknown names are ignored rather than refused. */
    public static Optional<Role> named(String claimValue) {
        try {
            return Optional.of(valueOf(claimValue.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
