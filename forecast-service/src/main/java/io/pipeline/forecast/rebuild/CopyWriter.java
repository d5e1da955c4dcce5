package io.pipeline.forecast.rebuild;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes rows to one table with {@code COPY ... FROM STDIN} (PostgreSQL's text format), a batch at a time. A
 * batch is sent on a thread of its own while the next one is being filled, so reading the topics and PostgreSQL
 * loading the rows overlap; at most one batch is in flight.
 */
final class CopyWriter implements AutoCloseable {

    private final DataSource dataSource;
    private final String copySql;
    private final int batchRows;
    private final ExecutorService sender;
    private StringBuilder rows = new StringBuilder(1 << 20);
    private int pending;
    private Future<?> inFlight;

    CopyWriter(DataSource dataSource, String table, List<String> columns, int batchRows) {
        this.dataSource = dataSource;
        this.copySql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        this.batchRows = batchRows;
        this.sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "forecast-rebuild-copy"));
    }

    void add(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append('\t');
            }
            appendValue(values[i]);
        }
        rows.append('\n');
        if (++pending >= batchRows) {
            send();
        }
    }

    private void appendValue(Object value) {
        if (value == null) {
            rows.append("\\N");
        } else if (value instanceof Boolean b) {
            rows.append(b ? 't' : 'f');
        } else if (value instanceof BigDecimal d) {
            rows.append(d.toPlainString());
        } else if (value instanceof Number || value instanceof java.time.temporal.Temporal) {
            rows.append(value);
        } else {
            escaped(value.toString());
        }
    }

    /** Text format: backslash, tab, newline and carriage return inside a value are escaped. */
    private void escaped(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
    }

    /** Sends what is pending, after the batch in flight has landed. */
    void send() {
        awaitInFlight();
        if (pending == 0) {
            return;
        }
        byte[] batch = rows.toString().getBytes(StandardCharsets.UTF_8);
        rows = new StringBuilder(Math.max(1 << 20, batch.length + (batch.length >> 3)));
        pending = 0;
        inFlight = sender.submit(() -> copy(batch));
    }

    private Void copy(byte[] batch) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql,
                    new java.io.ByteArrayInputStream(batch));
        }
        return null;
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("COPY into " + copySql + " failed", e.getCause());
        } finally {
            inFlight = null;
        }
    }

    /** Sends the rest and waits until it landed. */
    void flush() {
        send();
        awaitInFlight();
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
