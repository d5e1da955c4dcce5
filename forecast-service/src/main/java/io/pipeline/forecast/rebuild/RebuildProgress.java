package io.pipeline.forecast.rebuild;

import java.time.Instant;

/**
 * Where a rebuild stands.
 *
 * @param version         the read-model version being built (null before the first rebuild)
 * @param events          records read from the topics so far
 * @param eventsPerSecond over the last progress interval
 * @param lag             records on the topics not read yet (end offsets minus positions)
 * @param secondsLeft     lag over the current rate; null while there is no rate
 * @param averagePerSecond events over the time since the rebuild started
 * @param error           why a FAILED rebuild stopped
 */
public record RebuildProgress(Integer version, Phase phase, Instant startedAt, Instant finishedAt, long events,
                              double eventsPerSecond, long lag, Double secondsLeft, double averagePerSecond,
                              String error) {

    public enum Phase {
        /** no rebuild has run since start-up */
        IDLE,
        /** reading the topics from the beginning into unindexed tables with COPY */
        COPYING,
        /** dropping duplicates, building indexes and each deal's current row */
        INDEXING,
        /** applying what arrived meanwhile, like the serving consumer, until the lag is small */
        FOLLOWING,
        /** waiting for the serving consumer to switch to the new version */
        TAKING_OVER,
        /** the new version serves */
        DONE,
        FAILED;

        public boolean running() {
            return this == COPYING || this == INDEXING || this == FOLLOWING || this == TAKING_OVER;
        }
    }

    static RebuildProgress idle() {
        return new RebuildProgress(null, Phase.IDLE, null, null, 0, 0, 0, null, 0, null);
    }

    RebuildProgress in(Phase next) {
        return new RebuildProgress(version, next, startedAt, next.running() ? null : Instant.now(), events,
                eventsPerSecond, lag, secondsLeft, averagePerSecond, error);
    }

    RebuildProgress failed(String reason) {
        return new RebuildProgress(version, Phase.FAILED, startedAt, Instant.now(), events, eventsPerSecond, lag,
                null, averagePerSecond, reason);
    }
}
