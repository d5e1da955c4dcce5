package io.pipeline.lead.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The opportunity a lead converts into has an id derived from the lead's, so a retried conversion opens no second deal. */
public final class Conversions {

    private Conversions() {
    }

    public static String opportunityIdFor(String leadId) {
        return UUID.nameUUIDFromBytes(("lead-conversion:" + leadId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
