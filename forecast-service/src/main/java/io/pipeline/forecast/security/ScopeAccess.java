package io.pipeline.forecast.security;

import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.plan.PlanStore;
import io.pipeline.platform.security.PipelineUser;
import io.pipeline.platform.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Whose figures a caller may read. RevOps, BI, admins and the CRO (a leader without a region): any scope. A
 * region's leader: the region (the token's {@code region} claim), its teams and their reps (as the org API places
 * them). A manager: their team (the token's {@code team} claim), or one rep of it (a rep the org API placed in that
 * team). A rep: their own. Asking for no scope means one's own view: org, one's region, one's team, or oneself.
 */
@Component
public class ScopeAccess {

    private final PlanStore plan;

    public ScopeAccess(PlanStore plan) {
        this.plan = plan;
    }

    /** The scope to compute, as text: the one asked for (or the caller's own when none), refused with 403 if not theirs. */
    public String permitted(String requested, PipelineUser user) {
        if (requested == null || requested.isBlank()) {
            return ownScope(user);
        }
        Scope scope = Scope.parse("scope", requested);
        if (user.readsEverything() || user.leadsOrg() || mayRead(scope, user)) {
            return requested;
        }
        throw new AccessDeniedException("You may read the figures of " + ownScope(user) + ", not of " + scope);
    }

    /**
     * Each level calls its own scope: a rep for themselves (their manager may call for them, as before levels
     * called), a manager for their team, a region's leader for the region, the CRO for the org; an admin for any.
     */
    public void requireMayCall(Scope scope, PipelineUser user) {
        user.requireWriter();
        boolean allowed = user.isAdmin() || switch (scope.level()) {
            case REP -> mayRead(scope, user) && !user.has(Role.LEADER);
            case TEAM -> user.managesTeam(scope.id());
            case REGION -> user.leadsRegion(scope.id());
            case ORG -> user.leadsOrg();
            case SEGMENT -> false;
        };
        if (!allowed) {
            throw new AccessDeniedException("You may call only your own scope (" + ownScope(user) + "), not " + scope);
        }
    }

    private boolean mayRead(Scope scope, PipelineUser user) {
        Hierarchy placed = plan.hierarchy();
        return switch (scope.level()) {
            case REP -> user.owns(scope.id())
                    || user.has(Role.MANAGER) && user.team() != null
                    && user.team().equals(placed.teamOfRep().get(scope.id()))
                    || user.has(Role.LEADER) && user.leadsRegion(regionOfTeam(placed, placed.teamOfRep()
                            .get(scope.id())));
            case TEAM -> user.managesTeam(scope.id()) || user.has(Role.LEADER)
                    && user.leadsRegion(regionOfTeam(placed, scope.id()));
            case REGION -> user.leadsRegion(scope.id());
            default -> false;
        };
    }

    private static String regionOfTeam(Hierarchy placed, String teamId) {
        return teamId == null ? null : placed.regionOfTeam().get(teamId);
    }

    private static String ownScope(PipelineUser user) {
        if (user.readsEverything() || user.leadsOrg()) {
            return Scope.ORG.toString();
        }
        if (user.has(Role.LEADER)) {
            return new Scope(Scope.Level.REGION, user.region()).toString();
        }
        if (user.has(Role.MANAGER)) {
            if (user.team() == null) {
                throw new AccessDeniedException("A manager's token needs a team claim to read their team's figures");
            }
            return new Scope(Scope.Level.TEAM, user.team()).toString();
        }
        return new Scope(Scope.Level.REP, user.id()).toString();
    }
}
