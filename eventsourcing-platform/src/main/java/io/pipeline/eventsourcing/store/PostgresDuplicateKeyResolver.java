package io.pipeline.eventsourcing.store;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises PostgreSQL's unique violation (SQLSTATE 23505), so that two commands appending the same sequence
 * number to one aggregate become Axon's {@code ConcurrencyException}. Axon's {@code JdbcSQLErrorCodesResolver}
 * looks for {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
