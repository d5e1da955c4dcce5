package io.pipeline.forecast.security;

import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.plan.PlanStore;
import io.pipeline.platform.security.PipelineUser;
import io.pipeline.platform.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Whose figures a caller may read. RevOps, BI and admins: any scope. A manager: their team (the token's
 * {@code team} claim), or one rep of it (a rep the org API placed in that team). A rep: their own. Asking for
 * no scope means one's own view: org, one's team, or oneself.
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
        if (user.readsEverything() || mayRead(scope, user)) {
            return requested;
        }
        throw new AccessDeniedException("You may read the figures of " + ownScope(user) + ", not of " + scope);
    }

    /** A forecast call is about one rep: that rep, their manager or an admin may submit it. */
    public void requireMaySubmitCallFor(String repId, PipelineUser user) {
        user.requireWriter();
        if (!user.isAdmin() && !mayRead(new Scope(Scope.Level.REP, repId), user)) {
            throw new AccessDeniedException("You may submit calls only for yourself or the reps of your team");
        }
    }

    private boolean mayRead(Scope scope, PipelineUser user) {
        return switch (scope.level()) {
            case REP -> user.owns(scope.id())
                    || user.has(Role.MANAGER) && user.team() != null && plan.repsOf(user.team()).contains(scope.id());
            case TEAM -> user.managesTeam(scope.id());
            default -> false;
        };
    }

    private static String ownScope(PipelineUser user) {
        if (user.readsEverything()) {
            return Scope.ORG.toString();
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
