package io.pipeline.opportunity.process;

import io.pipeline.platform.problem.InvalidFieldException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sales processes in PostgreSQL. A stored version never changes, so versions are cached for good once read: the
 * aggregate asks for its deal's process on every command without a round trip.
 */
@Repository
public class JdbcSalesProcessCatalog implements SalesProcessCatalog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Stage>> STAGES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private static final Duration LATEST_VERSION_TTL = Duration.ofSeconds(5);

    private final Map<String, SalesProcess> versions = new ConcurrentHashMap<>();
    private final Map<String, LatestVersion> latestVersions = new ConcurrentHashMap<>();
    private final RowMapper<SalesProcess> rows = (rs, n) -> new SalesProcess(rs.getString("process_id"),
            rs.getInt("version"), rs.getString("name"), rs.getBoolean("skipping_allowed"),
            JSON.readValue(rs.getString("stages"), STAGES));

    public JdbcSalesProcessCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SalesProcess> version(String id, int version) {
        SalesProcess cached = versions.get(key(id, version));
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SalesProcess> stored = jdbc.sql("select * from sales_process where process_id = ? and version = ?")
                .params(id, version).query(rows).optional();
        stored.ifPresent(p -> versions.put(key(id, version), p));
        return stored;
    }

    @Override
    public Optional<SalesProcess> latest(String id) {
        return jdbc.sql("select * from sales_process where process_id = ? order by version desc limit 1")
                .param(id).query(rows).optional();
    }

    /**
     * The process a new deal is opened in: the latest version of the one named, or of the segment's default (smb
     * for SMB deals, enterprise for the others).
     */
    public SalesProcess forNewDeal(String processId, String segment) {
        String id = processId != null ? processId
                : "SMB".equals(segment) ? SalesProcess.SMB.id() : SalesProcess.ENTERPRISE.id();
        long now = System.nanoTime();
        LatestVersion remembered = latestVersions.get(id);
        if (remembered != null && now - remembered.readAt() < LATEST_VERSION_TTL.toNanos()) {
            return remembered.process();
        }
        SalesProcess latest = latest(id).orElseThrow(() -> new InvalidFieldException("processId",
                "no sales process '" + id + "'; see GET /api/sales-processes"));
        latestVersions.put(id, new LatestVersion(latest, now));
        return latest;
    }

    /** A new version reaches new deals of this instance at once, those of the other instances within the TTL. */
    private record LatestVersion(SalesProcess process, long readAt) {
    }

    public List<SalesProcess> allLatest() {
        return jdbc.sql("select distinct on (process_id) * from sales_process order by process_id, version desc")
                .query(rows).list();
    }

    public List<SalesProcess> versionsOf(String id) {
        return jdbc.sql("select * from sales_process where process_id = ? order by version").param(id).query(rows).list();
    }

    /**
     * Stores {@code definition} as the next version of its process, unless the latest version already says the
     * same (a retried request): then that version is the answer. The row lock on the latest version serialises two
     * concurrent edits of one process; the primary key refuses a second v1.
     */
    @Transactional
    public SalesProcess storeNewVersion(String id, String name, boolean skippingAllowed, List<Stage> stages) {
        Optional<SalesProcess> latest = jdbc.sql("select * from sales_process where process_id = ?"
                + " order by version desc limit 1 for update").param(id).query(rows).optional();
        if (latest.isPresent() && latest.get().name().equals(name) && latest.get().skippingAllowed() == skippingAllowed
                && latest.get().stages().equals(stages)) {
            return latest.get();
        }
        SalesProcess next = new SalesProcess(id, latest.map(p -> p.version() + 1).orElse(1), name, skippingAllowed,
                stages);
        insert(next, "");
        latestVersions.remove(id);
        return next;
    }

    /** Stores a shipped process version unless it is there already. */
    public void ensure(SalesProcess process) {
        insert(process, " on conflict do nothing");
    }

    private void insert(SalesProcess process, String onConflict) {
        jdbc.sql("insert into sales_process (process_id, version, name, skipping_allowed, stages) values (?, ?, ?, ?, ?)"
                        + onConflict)
                .params(process.id(), process.version(), process.name(), process.skippingAllowed(),
                        JSON.writeValueAsString(process.stages()))
                .update();
    }

    private static String key(String id, int version) {
        return id + "@" + version;
    }
}
