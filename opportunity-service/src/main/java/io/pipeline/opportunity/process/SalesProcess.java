package io.pipeline.opportunity.process;

import io.pipeline.platform.problem.InvalidFieldException;
import java.util.List;
import java.util.Optional;

/**
 * A named, versioned, ordered list of open buyer stages; the closing stages are the same for every process
 * ({@link Stage#CLOSED_WON} and friends). A version never changes once stored: a deal keeps the id and version it
 * was opened with, so a changed process is a new version.
 *
 * @param skippingAllowed whether a deal may advance past stages (SMB: short cycles) or only to the next one
 */
public record SalesProcess(String id, int version, String name, boolean skippingAllowed, List<Stage> stages) {

    public static final SalesProcess ENTERPRISE = new SalesProcess("enterprise", 1, "Enterprise", false, List.of(
            new Stage("Qualified", ForecastCategory.PIPELINE, true),
            new Stage("Business case", ForecastCategory.PIPELINE, false),
            new Stage("Evaluation", ForecastCategory.BEST_CASE, false),
            new Stage("Shortlisted", ForecastCategory.BEST_CASE, false),
            new Stage("Selected", ForecastCategory.COMMIT, false),
            new Stage("Redlining contract", ForecastCategory.COMMIT, false)));

    /** Short cycles: no business case or shortlist, and a deal may jump ahead (a demo can end in a signature). */
    public static final SalesProcess SMB = new SalesProcess("smb", 1, "SMB", true, List.of(
            new Stage("Qualified", ForecastCategory.PIPELINE, true),
            new Stage("Evaluation", ForecastCategory.BEST_CASE, false),
            new Stage("Selected", ForecastCategory.COMMIT, false)));

    public static final List<SalesProcess> SHIPPED = List.of(ENTERPRISE, SMB);

    public SalesProcess {
        stages = List.copyOf(stages);
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    public Stage requireStage(String field, String name) {
        return stage(name).orElseThrow(() -> new InvalidFieldException(field, "'" + name + "' is not a stage of process "
                + id + " v" + version + "; its stages are " + stageNames()));
    }

    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }

    public Stage firstStage() {
        return stages.get(0);
    }

    /** Where a converted lead starts: the first stage that counts as qualified pipeline. */
    public Stage firstQualifiedStage() {
        return stages.stream().filter(Stage::firstQualified).findFirst().orElse(firstStage());
    }

    public int position(String stageName) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equalsIgnoreCase(stageName)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a deal at {@code stage} has reached qualified pipeline by being there. */
    public boolean isQualifiedAt(String stageName) {
        int first = stages.indexOf(firstQualifiedStage());
        return position(stageName) >= first;
    }

    /** The stages a deal at {@code from} may advance to. */
    public List<Stage> advancesFrom(String from) {
        int at = position(from);
        int last = skippingAllowed ? stages.size() : Math.min(at + 2, stages.size());
        return stages.subList(at + 1, Math.max(at + 1, last));
    }

    /** The stages a deal at {@code from} may move back to: any earlier one. */
    public List<Stage> regressionsFrom(String from) {
        return stages.subList(0, Math.max(0, position(from)));
    }
}
