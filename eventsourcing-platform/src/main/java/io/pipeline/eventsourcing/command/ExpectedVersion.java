package io.pipeline.eventsourcing.command;

import io.pipeline.platform.problem.StaleVersionException;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * Optimistic concurrency, the one way both aggregates do it: a command carries the version its client read
 * ({@code If-Match}) and the aggregate's command handler calls {@link #require} where its rules say, which is after
 * the caller's rights and a harmless retry (a command whose effect already holds succeeds even with its old
 * version) and before the state is judged (a stale client must read again before anything else matters).
 *
 * <p>Not Axon's {@code @TargetAggregateVersion}: on an event-sourced repository it refuses a version ahead of the
 * aggregate at load time (before the caller's rights are checked) but one behind it only when the unit of work
 * commits, after the handler, so the answer to a stale change depended on which way it was stale.
 */
public final class ExpectedVersion {

    private ExpectedVersion() {
    }

    /**
     * @param expected the version the client read, or null to skip the check (the last writer wins)
     * @param subject  what the client changes, in the refusal's words ({@code "lead L-1"})
     * @throws StaleVersionException (answered 412) when the aggregate is at another version
     */
    public static void require(Long expected, String subject) {
        long actual = AggregateLifecycle.getVersion();
        if (expected != null && expected != actual) {
            throw new StaleVersionException(subject, expected, actual);
        }
    }
}
