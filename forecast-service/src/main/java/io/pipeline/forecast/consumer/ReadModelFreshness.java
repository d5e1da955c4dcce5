package io.pipeline.forecast.consumer;

import java.time.Instant;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * How current the figures are, for the people reading them: the newest event in the figures (by the time it was
 * recorded), when the consumer last added a batch, and how many events it has yet to read. Written by the consumer
 * thread, read by any request; each field is one volatile value, so a reader sees each as it was at some moment.
 */
@Component
public class ReadModelFreshness {

    /**
     * @param newestEventRecordedAt when the newest event in the figures was recorded (its record's timestamp), or
     *                              null before the first batch since start-up
     * @param lastAppliedAt         when the consumer last made a batch visible, or null before the first
     * @param eventsBehind          events on the topics not yet in the figures, or null while the consumer does not
     *                              know (starting, or not running in this instance)
     */
    public record Freshness(Instant newestEventRecordedAt, Instant lastAppliedAt, Long eventsBehind) {
    }

    private volatile long newestRecordedMillis = -1;
    private volatile long lastAppliedMillis = -1;
    private volatile long eventsBehind = -1;

    /** A batch is visible: {@code newestRecordedMillis} is the latest record timestamp in it (-1: none had one). */
    void applied(long newestRecorded, long appliedAtMillis) {
        if (newestRecorded > newestRecordedMillis) {
            newestRecordedMillis = newestRecorded;
        }
        lastAppliedMillis = appliedAtMillis;
    }

    /** After a poll: the consumer's own lag per assigned partition; unknown while any partition's is unknown. */
    void behind(Collection<TopicPartition> assigned, Function<TopicPartition, OptionalLong> lagOf) {
        long sum = 0;
        for (TopicPartition partition : assigned) {
            OptionalLong lag = lagOf.apply(partition);
            if (lag.isEmpty()) {
                eventsBehind = -1;
                return;
            }
            sum += lag.getAsLong();
        }
        eventsBehind = assigned.isEmpty() ? -1 : sum;
    }

    /** The consumer stopped or lost its connection: what it knew of the lag no longer holds. */
    void unknown() {
        eventsBehind = -1;
    }

    public Freshness now() {
        long newest = newestRecordedMillis;
        long applied = lastAppliedMillis;
        long behind = eventsBehind;
        return new Freshness(newest < 0 ? null : Instant.ofEpochMilli(newest),
                applied < 0 ? null : Instant.ofEpochMilli(applied), behind < 0 ? null : behind);
    }
}
