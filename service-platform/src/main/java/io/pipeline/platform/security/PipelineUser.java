package io.pipeline.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import io.pipeline.platform.problem.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller, as the validated bearer token says, and the visibility rules every service applies to it. Nothing
 * here comes from a request body or a header the client sets: only from a token whose signature was checked.
 *
 * @param id     the token's {@code sub}: a rep's id is the {@code ownerId} of their leads and deals
 * @param roles  from the {@code roles} claim; names we don't know are dropped
 * @param team   the {@code team} claim (reps and managers), or null
 * @param region the {@code region} claim, or null
 */
public record PipelineUser(String id, Set<Role> roles, String team, String region) {

    public static final String ROLES_CLAIM = "roles";
    public static final String TEAM_CLAIM = "team";
    public static final String REGION_CLAIM = "region";

    public PipelineUser {
        Objects.requireNonNull(id, "id");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static PipelineUser of(Jwt jwt) {
        return new PipelineUser(jwt.getSubject(), roles(jwt.getClaim(ROLES_CLAIM)), jwt.getClaimAsString(TEAM_CLAIM),
                jwt.getClaimAsString(REGION_CLAIM));
    }

    /** The user of the request being served; every {@code /api/**} request has one (the filter chain sees to it). */
    public static PipelineUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        throw new AuthenticationCredentialsNotFoundException("No bearer token");
    }

    /** A {@code roles} claim may be a JSON array or, from some issuers, one space- or comma-separated string. */
    static Set<Role> roles(Object claim) {
        Collection<?> names = claim instanceof Collection<?> list ? list
                : claim instanceof String text ? List.of(text.split("[,\\s]+")) : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(name -> Role.named(String.valueOf(name)).ifPresent(roles::add));
        return roles;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** RevOps, BI and admins see the whole org. */
    public boolean readsEverything() {
        return has(Role.ADMIN) || has(Role.REVOPS) || has(Role.BI);
    }

    /** Managers see their team's items. */
    public boolean managesTeam(String teamId) {
        return has(Role.MANAGER) && team != null && team.equals(teamId);
    }

    /** A region's leader (the token's {@code region} claim) reads and calls that region's forecast. */
    public boolean leadsRegion(String regionId) {
        return has(Role.LEADER) && region != null && region.equals(regionId);
    }

    /** The CRO: a leader whose token names no region leads the whole org (reads and calls the org's forecast). */
    public boolean leadsOrg() {
        return has(Role.LEADER) && region == null;
    }

    /** Reps see their own items. */
    public boolean owns(String ownerId) {
        return has(Role.REP) && id.equals(ownerId);
    }

    /**
     * RevOps, BI, admins and the CRO see everything; a region's leader the region's items, a manager the team's, a
     * rep their own.
     */
    public boolean maySee(Ownership item) {
        return readsEverything() || leadsOrg() || leadsRegion(item.regionId()) || owns(item.ownerId())
                || managesTeam(item.teamId());
    }

    /**
     * The owner rep, a manager of the item's team, or an admin. RevOps, BI and leaders read but do not change: a
     * leader's instrument is the forecast call of their region (or the org), while a deal's stage, amount and close
     * date stay the accountable owner's and their manager's, so every change to a deal has one answerable level.
     */
    public boolean mayChange(Ownership item) {
        return isAdmin() || owns(item.ownerId()) || managesTeam(item.teamId());
    }

    /**
     * Whether the caller may create an item owned by {@code target}: an admin for anyone, a manager within their
     * team, a rep for themselves in their own team. Handing an existing item over (an SDR's lead accepted by an AE,
     * a deal reassigned) needs only {@link #mayChange} on it: the item then leaves the giver's view.
     */
    public boolean mayCreateFor(Ownership target) {
        if (isAdmin() || managesTeam(target.teamId())) {
            return true;
        }
        return has(Role.REP) && id.equals(target.ownerId()) && team != null && team.equals(target.teamId());
    }

    /**
     * Refuses to show an item the caller may not see with 404, as if it did not exist: a rep learns nothing about
     * another rep's deals, not even that one has this id.
     */
    public void requireVisible(Ownership item, String kind, String itemId) {
        if (item == null || !maySee(item)) {
            throw new NotFoundException(kind, itemId);
        }
    }

    /** As {@link #requireVisible}; an item the caller sees but may not change (RevOps, BI) is refused with 403. */
    public void requireChangeable(Ownership item, String kind, String itemId) {
        requireVisible(item, kind, itemId);
        if (!mayChange(item)) {
            throw new AccessDeniedException("You may read this " + kind + " but not change it");
        }
    }

    /** Refuses with 403 a caller who only reads (RevOps, BI): writes are for reps, managers, leaders and admins. */
    public void requireWriter() {
        if (!has(Role.REP) && !has(Role.MANAGER) && !has(Role.LEADER) && !isAdmin()) {
            throw new AccessDeniedException("Your roles read but do not change");
        }
    }

    /** Refuses with 403 to create an item for an owner and team the caller may not create for. */
    public void requireMayCreateFor(Ownership target) {
        if (!mayCreateFor(target)) {
            throw new AccessDeniedException("You may not create an item for owner " + target.ownerId() + " in team "
                    + target.teamId());
        }
    }

    /**
     * What a list shows this caller, on top of the filters the client asked for: everything (RevOps, BI, admin, the
     * CRO), the caller's region (a region's leader), the caller's team (manager) or the caller's own items (rep). A
     * rep naming another owner is refused rather than shown an empty page, so the mistake is visible; a manager or
     * leader naming a rep outside their team or region simply gets nothing, as the filters together select nothing.
     * The widest of the caller's roles wins, as in {@link #maySee}.
     *
     * @param requestedOwnerId the {@code ownerId} filter the client sent, or null
     */
    public ListFilter listFilter(String requestedOwnerId) {
        if (readsEverything() || leadsOrg()) {
            return new ListFilter(requestedOwnerId, null, null);
        }
        if (has(Role.LEADER)) {
            return new ListFilter(requestedOwnerId, null, region);
        }
        if (has(Role.MANAGER)) {
            if (team == null) {
                throw new AccessDeniedException("A manager's token needs a team claim to list their team's items");
            }
            return new ListFilter(requestedOwnerId, team, null);
        }
        if (requestedOwnerId != null && !requestedOwnerId.equals(id)) {
            throw new AccessDeniedException("A rep lists only their own items (ownerId=" + id + ")");
        }
        return new ListFilter(id, null, null);
    }

    /** The owner, team and region a list is narrowed to; null means any. */
    public record ListFilter(String ownerId, String teamId, String regionId) {

        /**
         * This filter narrowed further by the {@code teamId} and {@code regionId} the client asked for (null: not
         * asked); empty when one names another team or region than the caller is narrowed to, as the filters
         * together then select nothing (a list never answers 403 for what the caller may not see).
         */
        public Optional<ListFilter> narrowedTo(String requestedTeamId, String requestedRegionId) {
            if (outside(teamId, requestedTeamId) || outside(regionId, requestedRegionId)) {
                return Optional.empty();
            }
            return Optional.of(new ListFilter(ownerId, teamId != null ? teamId : requestedTeamId,
                    regionId != null ? regionId : requestedRegionId));
        }

        private static boolean outside(String visible, String requested) {
            return visible != null && requested != null && !visible.equals(requested);
        }
    }
}
