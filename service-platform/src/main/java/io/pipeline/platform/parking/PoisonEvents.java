package io.pipeline.platform.parking;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a poison event from a passing failure. A read model that cannot store an event's values (PostgreSQL's data
 * exceptions: a NUL byte, a string longer than its column, a number out of range; a constraint the values break; a
 * row too large for an index) or cannot interpret it (a missing or unknown value) will fail on it every time: retrying
 * it stops the read model for good. Anything else (the database is down, a deadlock) passes and is retried.
 */
public final class PoisonEvents {

    /** SQLSTATE classes that depend on the values only: data exception, integrity violation, program limit. */
    private static final Set<String> VALUE_CLASSES = Set.of("22", "23", "54");

    private PoisonEvents() {
    }

    /** @return why the event can never be applied, or empty when the failure may pass and the event is retried */
    public static Optional<String> reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && VALUE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return Optional.of("the read model cannot store it: SQLSTATE " + sql.getSQLState() + " "
                        + firstLine(sql.getMessage()));
            }
        }
        if (failure instanceof NullPointerException || failure instanceof IllegalArgumentException
                || failure instanceof ClassCastException || failure instanceof DateTimeException) {
            return Optional.of("the read model cannot interpret it: " + failure.getClass().getSimpleName() + " "
                    + firstLine(failure.getMessage()));
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
