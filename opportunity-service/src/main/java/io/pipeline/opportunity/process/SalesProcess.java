package io.pipeline.opportunity.process;

import io.pipeline.platform.problem.InvalidFieldException;
import java.util.List;
import java.util.Optional;

/** A named, versioned, ordered list of open buyer stages; closing stages are the same for every process. */
public record SalesProcess(String id, int version, List<Stage> stages) {

    public static final SalesProcess ENTERPRISE = new SalesProcess("enterprise", 1, List.of(
            new Stage("Qualified", ForecastCategory.PIPELINE, true),
            new Stage("Business case", ForecastCategory.PIPELINE, false),
            new Stage("Evaluation", ForecastCategory.BEST_CASE, false),
            new Stage("Shortlisted", ForecastCategory.BEST_CASE, false),
            new Stage("Selected", ForecastCategory.COMMIT, false),
            new Stage("Redlining contract", ForecastCategory.COMMIT, false)));

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    public Stage requireStage(String field, String name) {
        return stage(name).orElseThrow(() -> new InvalidFieldException(field, "'" + name + "' is not a stage of process "
                + id + " v" + version + "; its stages are " + stages.stream().map(Stage::name).toList()));
    }

    public Stage firstStage() {
        return stages.get(0);
    }
}
