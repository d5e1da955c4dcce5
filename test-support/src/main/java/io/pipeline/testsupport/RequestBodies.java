package io.pipeline.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Valid bodies of the two commands most HTTP tests start from, opening a deal and capturing a lead, so that what a
 * valid request holds is written once: a new required field is added here, not in every test. Each call answers a
 * fresh mutable map, so a test changes or removes the fields its behaviour is about (a wrong currency, another
 * owner) and leaves the rest valid.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** {@code POST /api/opportunities}: rep-1's deal of 120,000.50 USD in team-1 (emea), closing 2026-12-15. */
    public static Map<String, Object> openDeal(String opportunityId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("opportunityId", opportunityId);
        body.put("accountId", "acc-1");
        body.put("name", "Acme platform");
        body.put("ownerId", "rep-1");
        body.put("teamId", "team-1");
        body.put("regionId", "emea");
        body.put("segment", "ENTERPRISE");
        body.put("type", "NEW_BUSINESS");
        body.put("amount", "120000.50");
        body.put("currency", "USD");
        body.put("closeDate", "2026-12-15");
        return body;
    }

    /** {@code POST /api/leads}: an inbound enterprise lead at Acme, score 40, of {@code ownerId} in team-sdr (emea). */
    public static Map<String, Object> captureLead(String leadId, String ownerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leadId", leadId);
        body.put("personName", "Ada Lovelace");
        body.put("email", "ada@acme.test");
        body.put("jobTitle", "CTO");
        body.put("company", "Acme");
        body.put("source", "INBOUND");
        body.put("ownerId", ownerId);
        body.put("teamId", "team-sdr");
        body.put("regionId", "emea");
        body.put("segment", "ENTERPRISE");
        body.put("score", 40);
        return body;
    }
}
