package io.pipeline.opportunity.importing;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The reports of imports, kept in {@code import_run} so every instance can answer for any import. */
@Repository
public class ImportRuns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public ImportRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(ImportReport report) {
        jdbc.sql("insert into import_run (import_id, status, report, started_at, updated_at) values (?, ?, ?, ?, ?)"
                        + " on conflict (import_id) do update set status = excluded.status, report = excluded.report,"
                        + " updated_at = excluded.updated_at")
                .params(report.importId(), report.status().name(), JSON.writeValueAsString(report),
                        Timestamp.from(report.startedAt()), Timestamp.from(report.updatedAt()))
                .update();
    }

    public Optional<ImportReport> find(String importId) {
        return jdbc.sql("select report from import_run where import_id = ?").param(importId).query(String.class)
                .optional().map(json -> JSON.readValue(json, ImportReport.class));
    }
}
