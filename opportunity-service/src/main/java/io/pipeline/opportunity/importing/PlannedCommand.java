package io.pipeline.opportunity.importing;

/**
 * A command of a deal's replay and the one event it records: the planner sends only commands that change
 * something, so the deal's stored events can be compared with the plan one by one.
 *
 * @param source the row the change comes from, to name if the deal refuses it
 */
public record PlannedCommand(Object command, Class<?> event, CsvRow source) {
}
