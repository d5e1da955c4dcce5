package io.pipeline.lead.api;

import java.time.Instant;

/**
 * A page of leads, newest first; every filter is optional.
 *
 * @param createdFrom leads captured at or after this business time
 * @param createdTo   leads captured before this business time
 * @param teamId      leads of this team (a manager's view)
 * @param regionId    leads of this region (a region leader's view)
 * @param page        from 0
 */
public record ListLeads(LeadState state, String ownerId, String teamId, String regionId,
                        LeadSource source, Instant createdFrom,
                        Instant createdTo, int page, int size) {
}
