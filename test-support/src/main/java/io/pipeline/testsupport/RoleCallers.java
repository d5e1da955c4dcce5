package io.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * One client per role of the access matrix, each with a real token: reps A and B in team 1 (emea), rep C in team 2
 * (amer), a manager of each team, RevOps, BI and an admin. Every id starts with {@code prefix}, so the services'
 * tests sharing a broker never see each other's items.
 */
public record RoleCallers(String prefix, HttpJson repA, HttpJson repB, HttpJson repC, HttpJson managerOfTeam1,
                          HttpJson managerOfTeam2, HttpJson revops, HttpJson bi, HttpJson admin) {

    public static RoleCallers of(HttpJson anonymous, String prefix) {
        return new RoleCallers(prefix,
                anonymous.as(TestTokens.rep(prefix + "-rep-a", prefix + "-team-1", "emea").token()),
                anonymous.as(TestTokens.rep(prefix + "-rep-b", prefix + "-team-1", "emea").token()),
                anonymous.as(TestTokens.rep(prefix + "-rep-c", prefix + "-team-2", "amer").token()),
                anonymous.as(TestTokens.manager(prefix + "-manager-1", prefix + "-team-1", "emea").token()),
                anonymous.as(TestTokens.manager(prefix + "-manager-2", prefix + "-team-2", "amer").token()),
                anonymous.as(TestTokens.revops(prefix + "-revops").token()),
                anonymous.as(TestTokens.bi(prefix + "-bi").token()),
                anonymous.as(TestTokens.admin(prefix + "-admin").token()));
    }

    public String repAId() {
        return prefix + "-rep-a";
    }

    public String repBId() {
        return prefix + "-rep-b";
    }

    public String repCId() {
        return prefix + "-rep-c";
    }

    public String team(int number) {
        return prefix + "-team-" + number;
    }

    /**
     * The list rows of the matrix, the same in every service: a rep sees their own items, a manager their team's,
     * RevOps, BI and admins everything. {@code listPath} answers {@code {"items": [{"ownerId": ...}, ...]}}.
     */
    public void assertEachRoleListsOnlyWhatItMaySee(String listPath) {
        assertThat(owners(repA, listPath)).containsOnly(repAId());
        assertThat(owners(managerOfTeam1, listPath)).contains(repAId(), repBId()).doesNotContain(repCId());
        assertThat(owners(managerOfTeam2, listPath)).contains(repCId()).doesNotContain(repAId(), repBId());
        for (HttpJson everything : List.of(revops, bi, admin)) {
            assertThat(owners(everything, listPath)).contains(repAId(), repBId(), repCId());
        }
    }

    private static List<String> owners(HttpJson caller, String listPath) {
        List<String> owners = new ArrayList<>();
        caller.get(listPath).json().get("items").forEach(item -> owners.add(item.get("ownerId").asString()));
        return owners;
    }
}
