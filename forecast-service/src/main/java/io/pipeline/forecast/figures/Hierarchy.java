package io.pipeline.forecast.figures;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    /**
     * The scopes one level below {@code scope}, as this organisation places them, sorted by id: the org's regions
     * (its teams when no region is placed), a region's teams, a team's reps; nothing below a rep or a segment.
     */
    public List<Scope> childrenOf(Scope scope) {
        Scope.Level below = levelBelow(scope);
        if (below == null) {
            return List.of();
        }
        Stream<String> ids = switch (scope.level()) {
            case ORG -> below == Scope.Level.REGION ? regionOfTeam.values().stream() : teams();
            case REGION -> regionOfTeam.entrySet().stream().filter(e -> e.getValue().equals(scope.id()))
                    .map(Map.Entry::getKey);
            default -> teamOfRep.entrySet().stream().filter(e -> e.getValue().equals(scope.id()))
                    .map(Map.Entry::getKey);
        };
        return ids.distinct().sorted().map(id -> new Scope(below, id)).toList();
    }

    /**
     * The scope one level below {@code scope} that holds the deal, read as {@link #contains} reads it (null below
     * a rep or a segment, or for no deal); whether it is one of {@link #childrenOf} is the caller's to check.
     */
    public Scope childHolding(Scope scope, Placed deal) {
        Scope.Level below = levelBelow(scope);
        if (below == null || deal == null) {
            return null;
        }
        String id = switch (below) {
            case REGION -> regionOf(deal);
            case TEAM -> teamOf(deal);
            default -> deal.ownerId();
        };
        return id == null ? null : new Scope(below, id);
    }

    private Scope.Level levelBelow(Scope scope) {
        return switch (scope.level()) {
            case ORG -> regionOfTeam.isEmpty() ? Scope.Level.TEAM : Scope.Level.REGION;
            case REGION -> Scope.Level.TEAM;
            case TEAM -> Scope.Level.REP;
            case REP, SEGMENT -> null;
        };
    }

    /** Every team placed: those placed in a region and those reps are placed in. */
    private Stream<String> teams() {
        return Stream.concat(regionOfTeam.keySet().stream(), teamOfRep.values().stream());
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
