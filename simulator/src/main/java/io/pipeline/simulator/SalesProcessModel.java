package io.pipeline.simulator;

import java.util.List;

/**
 * The shipped sales processes of opportunity-service (its {@code SalesProcess.ENTERPRISE} and {@code SMB}), as the
 * simulator needs them: stage names, their forecast categories and whether a deal may jump ahead. Kept in step by
 * hand because the simulator must not depend on a service; a changed process there is a new version here.
 */
public record SalesProcessModel(String id, int version, boolean skippingAllowed, List<Stage> stages) {

    public record Stage(String name, String forecastCategory) {
    }

    public static final String CLOSED_WON = "Closed won";
    public static final String CLOSED_LOST = "Closed lost";
    public static final String CLOSED_DEFERRED = "Closed deferred";

    public static final SalesProcessModel ENTERPRISE = new SalesProcessModel("enterprise", 1, false, List.of(
            new Stage("Qualified", "PIPELINE"),
            new Stage("Business case", "PIPELINE"),
            new Stage("Evaluation", "BEST_CASE"),
            new Stage("Shortlisted", "BEST_CASE"),
            new Stage("Selected", "COMMIT"),
            new Stage("Redlining contract", "COMMIT")));

    /** Short cycles: no business case or shortlist, and a deal may skip ahead. */
    public static final SalesProcessModel SMB = new SalesProcessModel("smb", 1, true, List.of(
            new Stage("Qualified", "PIPELINE"),
            new Stage("Evaluation", "BEST_CASE"),
            new Stage("Selected", "COMMIT")));

    public SalesProcessModel {
        stages = List.copyOf(stages);
    }

    public Stage stage(int index) {
        return stages.get(index);
    }

    public int indexOf(String stageName) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(stageName)) {
                return i;
            }
        }
        return -1;
    }

    /** The category a deal at {@code stageName} is in: open stages by the process, closing stages by DOMAIN.md. */
    public String categoryOf(String stageName) {
        if (CLOSED_WON.equals(stageName)) {
            return "CLOSED";
        }
        if (CLOSED_LOST.equals(stageName) || CLOSED_DEFERRED.equals(stageName)) {
            return "OMITTED";
        }
        int index = indexOf(stageName);
        if (index < 0) {
            throw new IllegalArgumentException(stageName + " is not a stage of " + id);
        }
        return stages.get(index).forecastCategory();
    }

    public static SalesProcessModel byId(String id) {
        return SMB.id().equals(id) ? SMB : ENTERPRISE;
    }
}
