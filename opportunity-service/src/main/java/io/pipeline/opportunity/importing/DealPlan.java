package io.pipeline.opportunity.importing;

import java.util.List;

/** The commands that give a deal its history here, or the problems that keep it out. */
public record DealPlan(DealHistory history, List<PlannedCommand> commands, List<ImportProblem> problems) {

    public boolean importable() {
        return !commands.isEmpty() && problems.stream().noneMatch(ImportProblem::isError);
    }
}
