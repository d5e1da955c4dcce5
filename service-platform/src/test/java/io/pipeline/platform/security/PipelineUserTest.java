package io.pipeline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.platform.problem.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;

/** The visibility rules every service applies, without HTTP: the services' tests check them over real HTTP. */
class PipelineUserTest {

    static final Ownership OF_REP_A = new Ownership("rep-a", "team-1", "emea");
    static final Ownership OF_REP_C = new Ownership("rep-c", "team-2", "amer");

    static final PipelineUser REP_A = new PipelineUser("rep-a", Set.of(Role.REP), "team-1", "emea");
    static final PipelineUser MANAGER_1 = new PipelineUser("manager-1", Set.of(Role.MANAGER), "team-1", "emea");
    static final PipelineUser REVOPS = new PipelineUser("revops", Set.of(Role.REVOPS), null, null);
    static final PipelineUser LEADER_EMEA = new PipelineUser("leader-emea", Set.of(Role.LEADER), null, "emea");
    static final PipelineUser CRO = new PipelineUser("cro-1", Set.of(Role.LEADER), null, null);
    static final PipelineUser ADMIN = new PipelineUser("admin", Set.of(Role.ADMIN), null, null);

    @Test
    void aUserIsReadFromTheTokensClaimsIgnoringRolesWeDoNotKnow() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("rep-a").issuedAt(Instant.now())
                .claim("roles", List.of("rep", "Manager", "superuser")).claim("team", "team-1").build();

        PipelineUser user = PipelineUser.of(jwt);

        assertThat(user.roles()).containsExactlyInAnyOrder(Role.REP, Role.MANAGER);
        assertThat(user.team()).isEqualTo("team-1");
        assertThat(PipelineUser.roles("rep, bi")).containsExactlyInAnyOrder(Role.REP, Role.BI);
        assertThat(PipelineUser.roles(42)).isEmpty();
    }

    @Test
    void aRepSeesAndChangesOnlyTheirOwnItems() {
        assertThat(REP_A.maySee(OF_REP_A)).isTrue();
        assertThat(REP_A.mayChange(OF_REP_A)).isTrue();
        assertThat(REP_A.maySee(new Ownership("rep-b", "team-1", "emea"))).isFalse();
        assertThatThrownBy(() -> REP_A.requireChangeable(OF_REP_C, "deal", "d-1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aManagerSeesAndChangesTheirTeamsItemsAndAManagerWithoutATeamNothing() {
        assertThat(MANAGER_1.mayChange(OF_REP_A)).isTrue();
        assertThat(MANAGER_1.maySee(OF_REP_C)).isFalse();
        PipelineUser teamless = new PipelineUser("m", Set.of(Role.MANAGER), null, null);
        assertThat(teamless.maySee(new Ownership("rep-x", null, null))).isFalse();
        assertThatThrownBy(() -> teamless.listFilter(null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void revopsReadsEverythingAndChangesNothing() {
        assertThat(REVOPS.maySee(OF_REP_C)).isTrue();
        assertThatThrownBy(() -> REVOPS.requireChangeable(OF_REP_C, "deal", "d-1"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(REVOPS::requireWriter).isInstanceOf(AccessDeniedException.class);
        assertThat(REVOPS.mayCreateFor(OF_REP_C)).isFalse();
    }

    @Test
    void aRegionsLeaderReadsTheRegionsItemsAndChangesNone() {
        assertThat(LEADER_EMEA.maySee(OF_REP_A)).isTrue();
        assertThat(LEADER_EMEA.maySee(OF_REP_C)).isFalse();
        assertThat(LEADER_EMEA.maySee(new Ownership("rep-x", "team-x", null))).isFalse();
        assertThatThrownBy(() -> LEADER_EMEA.requireChangeable(OF_REP_A, "deal", "d-1"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> LEADER_EMEA.requireVisible(OF_REP_C, "deal", "d-2"))
                .isInstanceOf(NotFoundException.class);
        assertThat(LEADER_EMEA.mayCreateFor(OF_REP_A)).isFalse();
    }

    @Test
    void theCroReadsTheWholeOrgAndChangesNothing() {
        assertThat(CRO.maySee(OF_REP_A)).isTrue();
        assertThat(CRO.maySee(OF_REP_C)).isTrue();
        assertThat(CRO.mayChange(OF_REP_C)).isFalse();
    }

    @Test
    void listsAreNarrowedToWhatTheCallerSees() {
        assertThat(REP_A.listFilter(null)).isEqualTo(new PipelineUser.ListFilter("rep-a", null, null));
        assertThatThrownBy(() -> REP_A.listFilter("rep-c")).isInstanceOf(AccessDeniedException.class);
        assertThat(MANAGER_1.listFilter("rep-c")).isEqualTo(new PipelineUser.ListFilter("rep-c", "team-1", null));
        assertThat(ADMIN.listFilter(null)).isEqualTo(new PipelineUser.ListFilter(null, null, null));
        assertThat(LEADER_EMEA.listFilter(null)).isEqualTo(new PipelineUser.ListFilter(null, null, "emea"));
        assertThat(LEADER_EMEA.listFilter("rep-c")).isEqualTo(new PipelineUser.ListFilter("rep-c", null, "emea"));
        assertThat(CRO.listFilter(null)).isEqualTo(new PipelineUser.ListFilter(null, null, null));
    }

    @Test
    void creatingForSomeoneNeedsTheirTeam() {
        assertThat(REP_A.mayCreateFor(OF_REP_A)).isTrue();
        assertThat(REP_A.mayCreateFor(new Ownership("rep-b", "team-1", "emea"))).isFalse();
        assertThat(MANAGER_1.mayCreateFor(new Ownership("rep-b", "team-1", "emea"))).isTrue();
        assertThat(MANAGER_1.mayCreateFor(OF_REP_C)).isFalse();
        assertThat(ADMIN.mayCreateFor(OF_REP_C)).isTrue();
    }
}
