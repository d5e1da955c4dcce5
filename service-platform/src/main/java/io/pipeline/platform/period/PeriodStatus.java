package io.pipeline.platform.period;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Whether a fiscal quarter still takes live commands.
 *
 * @param period the quarter, {@code FY2026-Q3}
 * @param start  its first day
 * @param end    the day after its last day
 * @param state  open, closed by RevOps or an admin, or closed on its own once its grace passed
 * @param since  when it was closed (or reopened); null for a quarter open as it always was
 * @param by     who closed or reopened it; null for the grace rule
 * @param reason why they did; may be null
 */
public record PeriodStatus(String period, LocalDate start, LocalDate end, State state, Instant since, String by,
                           String reason) {

    public enum State {
        OPEN, CLOSED, CLOSED_BY_GRACE
    }

    public boolean closed() {
        return state != State.OPEN;
    }
}
