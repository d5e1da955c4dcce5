package io.pipeline.forecast.figures;

import java.util.Map;

/**
 * The sales organisation as set through the API: each rep's team and each team's region. Where it says nothing
 * about a rep or team, the team and region the deal's own events carry are used.
 */
public record Hierarchy(Map<String, String> teamOfRep, Map<String, String> regionOfTeam) {

    /** Whatever has an owner, team, region and segment: a deal, a lead. */
    public interface Placed {
        String ownerId();

        String teamId();

        String regionId();

        String segment();
    }

    public static final Hierarchy NONE = new Hierarchy(Map.of(), Map.of());

    public Hierarchy {
        teamOfRep = Map.copyOf(teamOfRep);
        regionOfTeam = Map.copyOf(regionOfTeam);
    }

    public String teamOf(Placed deal) {
        return teamOfRep.getOrDefault(deal.ownerId(), deal.teamId());
    }

    public String regionOf(Placed deal) {
        return regionOfTeam.getOrDefault(teamOf(deal), deal.regionId());
    }

    public boolean contains(Scope scope, Placed deal) {
        return switch (scope.level()) {
            case ORG -> true;
            case REP -> scope.id().equals(deal.ownerId());
            case TEAM -> scope.id().equals(teamOf(deal));
            case REGION -> scope.id().equals(regionOf(deal));
            case SEGMENT -> scope.id().equals(deal.segment());
        };
    }
}
