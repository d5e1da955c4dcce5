package io.pipeline.lead.api;

/**
 * What every lead event carries so that the funnel figures can be cut by source, owner, team, region and segment
 * without looking anything up.
 */
public record LeadProfile(String company, LeadSource source, String ownerId, String teamId, String regionId,
                          Segment segment) {

    /** The lead after an AE took it over: the AE's team and region when given, else the current ones. */
    public LeadProfile ownedBy(String newOwnerId, String newTeamId, String newRegionId) {
        return new LeadProfile(company, source, newOwnerId, newTeamId == null ? teamId : newTeamId,
                newRegionId == null ? regionId : newRegionId, segment);
    }
}
