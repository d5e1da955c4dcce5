package io.pipeline.opportunity.importing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids here derived from the CRM's, the same on every import of the same files, so a re-import finds what the
 * first one created. A prefix per source keeps them apart from each other and from deals opened here.
 */
final class ImportedIds {

    static final String SALESFORCE = "sf-";
    static final String OWN_FORMAT = "imp-";
    static final String HUBSPOT = "hs-";
    private static final String OPPORTUNITY_ID = "[A-Za-z0-9._:-]{1,64}";

    private ImportedIds() {
    }

    /** The deal id, or a problem on the id column when the CRM's id does not fit an id here. */
    static String opportunity(String prefix, String crmId, RowReading reading, String column) {
        String id = prefix + crmId;
        if (!id.matches(OPPORTUNITY_ID)) {
            reading.problems().add(reading.row().error(column, "'" + crmId
                    + "' gives the id '" + id + "', which is not 1-64 letters, digits or . _ : -"));
        }
        return id;
    }

    /** An account named but not identified gets an id from its name: the same name is the same account. */
    static String accountOfName(String prefix, String name) {
        return prefix + "acct-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where a source's deals without an account go: Salesforce allows an opportunity without one (private deals,
     * deals before the account is known), and every deal here belongs to an account, so they share one per source
     * that lists and figures show like any other account.
     */
    static String noAccount(String prefix) {
        return prefix + "no-account";
    }

    static final String NO_ACCOUNT_NAME = "(no account in the CRM)";

    /**
     * The rep id of a CRM owner missing from the owner mapping: the owner as the export writes it, made an id,
     * so the deals import (an admin reassigns them later) and each unmapped owner stays a scope of its own.
     */
    static String unmappedOwner(String crmOwner) {
        String id = "unmapped-" + crmOwner.strip().replaceAll("[^A-Za-z0-9._:-]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    static final String UNMAPPED = "unmapped";

    static String account(String prefix, String crmId) {
        return prefix + crmId;
    }
}
