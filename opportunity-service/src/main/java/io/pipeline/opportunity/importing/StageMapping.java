package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.DealStatus;
import io.pipeline.opportunity.api.LossReason;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * CRM stage name to what it means here, supplied with the import as CSV:
 * {@code crm_stage,process,stage,reason}. {@code stage} is a stage of {@code process} (blank process: the deal's
 * segment default), or {@code WON}, {@code LOST}, {@code DEFERRED}; {@code reason} qualifies LOST
 * (COMPETITION, NO_DECISION, UNKNOWN; UNKNOWN when blank). Names are matched ignoring case and surrounding blanks.
 *
 * <p>HubSpot: an optional {@code pipeline} column limits a row to deals of that pipeline (HubSpot's {@code pipeline}
 * column, its id or label as exported), as Salesforce's sales processes are named in {@code process}: every
 * HubSpot pipeline has its own "Closed won" and its own steps, which may map to different processes here. A deal's
 * stage is looked up for its pipeline first, then among the rows without a pipeline.
 *
 * <p>Without a mapping file, stage names are taken as this system's own: a stage of the deal's process, or
 * {@code Closed won}, {@code Closed lost}, {@code Closed deferred} (also {@code Won}, {@code Lost}, {@code Deferred}).
 */
public final class StageMapping {

    private static final Map<String, StageTarget> OWN_ENDINGS = Map.of(
            key(Stage.CLOSED_WON.name()), new StageTarget.Closing(DealStatus.WON, null),
            key(Stage.CLOSED_LOST.name()), new StageTarget.Closing(DealStatus.LOST, LossReason.UNKNOWN),
            key(Stage.CLOSED_DEFERRED.name()), new StageTarget.Closing(DealStatus.DEFERRED, null),
            "won", new StageTarget.Closing(DealStatus.WON, null),
            "lost", new StageTarget.Closing(DealStatus.LOST, LossReason.UNKNOWN),
            "deferred", new StageTarget.Closing(DealStatus.DEFERRED, null));

    /** Between a pipeline and a stage in a qualified name: a cell cannot hold a NUL ({@link Cells#text}). */
    private static final char PIPELINE_SEPARATOR = '\0';

    private final Map<String, StageTarget> targets;
    private final boolean ownNames;

    private StageMapping(Map<String, StageTarget> targets, boolean ownNames) {
        this.targets = targets;
        this.ownNames = ownNames;
    }

    /** This system's own stage names, for files written by hand. */
    public static StageMapping ownStageNames() {
        return new StageMapping(OWN_ENDINGS, true);
    }

    /**
     * Reads the mapping; a named process must exist and hold the stage.
     *
     * @param latestProcess the latest version of a process by id, if there is one
     */
    public static Result parse(CsvFile file, Function<String, Optional<SalesProcess>> latestProcess) {
        CsvFile.Parsed parsed = file.read(Set.of("crmstage", "stage"));
        List<ImportProblem> problems = new ArrayList<>(parsed.problems());
        Map<String, StageTarget> targets = new HashMap<>();
        for (CsvRow row : parsed.rows()) {
            String crmStage = row.get("crmstage");
            String stage = row.get("stage");
            if (crmStage == null || stage == null) {
                problems.add(row.error(crmStage == null ? "crm_stage" : "stage", "required"));
                continue;
            }
            LossReason reason;
            try {
                reason = row.get("reason") == null ? LossReason.UNKNOWN : Cells.choice(LossReason.class, row.get("reason"));
            } catch (Cells.BadCell bad) {
                problems.add(row.error("reason", bad.getMessage()));
                continue;
            }
            try {
                String pipeline = row.id("pipeline");
                String name = pipeline == null ? crmStage : inPipeline(pipeline, crmStage);
                if (targets.putIfAbsent(key(name), target(row, stage, reason, latestProcess)) != null) {
                    problems.add(row.error("crm_stage", describe(name) + " is mapped twice"));
                }
            } catch (Cells.BadCell bad) {
                problems.add(row.error("stage", bad.getMessage()));
            }
        }
        return new Result(new StageMapping(targets, false), problems);
    }

    private static StageTarget target(CsvRow row, String stage, LossReason reason,
                                      Function<String, Optional<SalesProcess>> latestProcess) {
        String processId = row.id("process");
        switch (stage.strip().toUpperCase(Locale.ROOT)) {
            case "WON" -> {
                return new StageTarget.Closing(DealStatus.WON, null);
            }
            case "LOST" -> {
                return new StageTarget.Closing(DealStatus.LOST, reason);
            }
            case "DEFERRED" -> {
                return new StageTarget.Closing(DealStatus.DEFERRED, null);
            }
            default -> {
                if (processId != null) {
                    SalesProcess process = latestProcess.apply(processId).orElseThrow(() -> new Cells.BadCell(
                            "process '" + processId + "' does not exist; see GET /api/sales-processes"));
                    Stage known = process.stage(stage.strip()).orElseThrow(() -> new Cells.BadCell("'" + stage
                            + "' is not a stage of process " + processId + "; its stages are " + process.stageNames()));
                    return new StageTarget.Open(processId, known.name());
                }
                return new StageTarget.Open(null, stage.strip());
            }
        }
    }

    /**
     * What the CRM stage stands for, or empty when the mapping does not name it. A stage {@link #inPipeline} is
     * looked up for that pipeline, then as a stage of any pipeline.
     */
    public Optional<StageTarget> target(String crmStage) {
        StageTarget mapped = targets.get(key(crmStage));
        String stage = crmStage.substring(crmStage.indexOf(PIPELINE_SEPARATOR) + 1);
        if (mapped == null) {
            mapped = targets.get(key(stage));
        }
        if (mapped != null || !ownNames) {
            return Optional.ofNullable(mapped);
        }
        return Optional.of(new StageTarget.Open(null, stage.strip()));
    }

    /** A CRM stage of one pipeline (HubSpot), as {@link #target} reads it; the stage alone without a pipeline. */
    static String inPipeline(String pipeline, String stage) {
        return pipeline == null || stage == null ? stage : pipeline.strip() + PIPELINE_SEPARATOR + stage;
    }

    /** A stage name for a problem: {@code 'closedwon' of pipeline 'renewals'}. */
    static String describe(String crmStage) {
        int separator = crmStage.indexOf(PIPELINE_SEPARATOR);
        return separator < 0 ? "'" + crmStage + "'" : "'" + crmStage.substring(separator + 1) + "' of pipeline '"
                + crmStage.substring(0, separator) + "'";
    }

    private static String key(String stageName) {
        return stageName.strip().toLowerCase(Locale.ROOT);
    }

    public record Result(StageMapping mapping, List<ImportProblem> problems) {
    }
}
