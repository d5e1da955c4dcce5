package io.pipeline.platform.period;

import java.time.Instant;

/**
 * The latest explicit decision of RevOps or an admin about a fiscal quarter.
 *
 * @param period   the quarter, {@code FY2026-Q3}
 * @param closed   true: closed; false: reopened (open again even after its grace has passed)
 * @param at       when the decision was taken
 * @param by       who took it (the token's {@code sub})
 * @param reason   why, as they said it; may be null
 */
public record PeriodDecision(String period, boolean closed, Instant at, String by, String reason) {
}
