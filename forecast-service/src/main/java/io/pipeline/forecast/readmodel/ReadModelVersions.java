package io.pipeline.forecast.readmodel;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read-model versions in {@code read_model_version}: which one serves, creating the next one's tables and
 * finishing them once filled, and the atomic switch of the serving version.
 */
@Component
public class ReadModelVersions {

    private static final Logger log = LoggerFactory.getLogger(ReadModelVersions.class);
    /** The tables a version holds: the events of both topics and where the version's consumer stands. */
    static final List<String> TABLES = List.of("opportunity_event", "lead_event", "consumer_position");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public ReadModelVersions(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    public ReadModel serving() {
        Integer version = jdbc.queryForObject("select version from read_model_version where state = 'SERVING'",
                Integer.class);
        return new ReadModel(version);
    }

    /**
     * Creates the next version with the same columns as {@code template}'s tables, unlogged and without indexes
     * or unique constraints: COPY fills such tables several times faster, and {@link #finish} adds them once.
     */
    public ReadModel createNext(ReadModel template) {
        Integer last = jdbc.queryForObject("select max(version) from read_model_version", Integer.class);
        ReadModel next = new ReadModel(last + 1);
        transaction.executeWithoutResult(tx -> {
            jdbc.execute("drop schema if exists " + next.schema() + " cascade");
            jdbc.execute("create schema " + next.schema());
            for (String table : TABLES) {
                jdbc.execute("create unlogged table " + next.table(table) + " (like " + template.table(table)
                        + " including defaults)");
            }
            jdbc.update("insert into read_model_version (version, schema_name, state) values (?, ?, 'BUILDING')",
                    next.version(), next.schema());
        });
        return next;
    }

    /**
     * Makes a filled version ready to serve: drops the copies of lead events the topics hold more than once (a
     * relay re-sends after a retry; the first one read wins, as with the consumer's insert-if-absent), makes the tables
     * durable and builds {@code template}'s indexes once.
     */
    public void finish(ReadModel built, ReadModel template) {
        // opportunity events arrive deduplicated already (the rebuild's index kept the first of each sequence)
        timed(built, "drop duplicates", () -> dropDuplicates(built.table("lead_event"), "lead_id"));
        List<String> definitions = jdbc.queryForList("select indexdef from pg_indexes where schemaname = ?",
                String.class, template.schema());
        // durable first, then the indexes: making a table logged rewrites it with every index it has
        timed(built, "set logged", () -> TABLES.forEach(t -> jdbc.execute("alter table " + built.table(t)
                + " set logged")));
        timed(built, "build indexes", () -> definitions.forEach(definition -> jdbc.execute(definition.replace(
                " ON " + template.schema() + ".", " ON " + built.schema() + "."))));
        timed(built, "analyze", () -> TABLES.forEach(t -> jdbc.execute("analyze " + built.table(t))));
    }

    private static void timed(ReadModel model, String step, Runnable work) {
        long start = System.nanoTime();
        work.run();
        log.info("rebuild step version={} step={} millis={}", model.version(), step,
                (System.nanoTime() - start) / 1_000_000);
    }

    private void dropDuplicates(String table, String subject) {
        int byId = jdbc.update("delete from " + table + " a using " + table
                + " b where a.event_id = b.event_id and a.ctid > b.ctid");
        int bySequence = jdbc.update("delete from " + table + " a using " + table + " b where a." + subject
                + " = b." + subject + " and a.sequence = b.sequence and a.ctid > b.ctid");
        if (byId + bySequence > 0) {
            log.info("rebuild dropped duplicates table={} sameEventId={} sameSequence={}", table, byId, bySequence);
        }
    }

    /** The switch: from this commit on, {@code next} is the version that serves and the old one is retired. */
    public void makeServing(ReadModel next) {
        transaction.executeWithoutResult(tx -> {
            jdbc.update("update read_model_version set state = 'RETIRED' where state = 'SERVING'");
            jdbc.update("update read_model_version set state = 'SERVING', serving_since = now() where version = ?",
                    next.version());
        });
    }

    /** A rebuild that did not finish: its schema goes, the version number stays used. */
    public void fail(ReadModel model) {
        jdbc.execute("drop schema if exists " + model.schema() + " cascade");
        jdbc.update("update read_model_version set state = 'FAILED' where version = ? and state = 'BUILDING'",
                model.version());
    }

    /** Rebuilds interrupted by a restart do not resume: their versions are dropped and a new one can start. */
    public void failInterruptedBuilds() {
        jdbc.queryForList("select version from read_model_version where state = 'BUILDING'", Integer.class)
                .forEach(version -> fail(new ReadModel(version)));
    }
}
