package io.pipeline.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sales org a run simulates: reps in teams in regions, with stable ids (the same for every seed): generated, or
 * the names the configuration gives.
 */
record Org(List<Rep> reps, int repsPerTeam) {

    private static final List<String> REGION_NAMES = List.of("amer", "emea", "apac", "latam", "anz", "japan");

    record Rep(String id, String teamId, String regionId, int index) {
    }

    static Org of(SimulationConfig.OrgShape shape) {
        SimulationConfig.OrgNames names = shape.names();
        List<Rep> reps = new ArrayList<>(shape.totalReps());
        for (int r = 0; r < shape.regions(); r++) {
            String region = names != null ? names.regions().get(r)
                    : r < REGION_NAMES.size() ? REGION_NAMES.get(r) : "region-" + (r + 1);
            for (int t = 0; t < shape.teamsPerRegion(); t++) {
                int teamIndex = r * shape.teamsPerRegion() + t;
                String team = names != null ? names.teams().get(teamIndex) : region + "-team-" + (t + 1);
                for (int k = 0; k < shape.repsPerTeam(); k++) {
                    reps.add(new Rep(names != null ? names.reps().get(reps.size()) : team + "-rep-" + (k + 1), team,
                            region, reps.size()));
                }
            }
        }
        return new Org(List.copyOf(reps), shape.repsPerTeam());
    }

    Rep anyRep(SplittableRandom random) {
        return reps.get(random.nextInt(reps.size()));
    }

    /** Another rep of the same team (the AE who takes over an SDR's lead), or the rep itself in a team of one. */
    Rep teammateOf(Rep rep, SplittableRandom random) {
        if (repsPerTeam == 1) {
            return rep;
        }
        int first = rep.index() - rep.index() % repsPerTeam;
        int offset = 1 + random.nextInt(repsPerTeam - 1);
        return reps.get(first + (rep.index() - first + offset) % repsPerTeam);
    }
}
