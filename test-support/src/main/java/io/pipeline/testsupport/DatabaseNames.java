package io.pipeline.testsupport;

import java.util.Locale;

final class DatabaseNames {

    private DatabaseNames() {
    }

    /** Unique within the test JVM and across JVMs sharing one server (the pid is part of it). */
    static String next(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return clean + "_" + ProcessHandle.current().pid() + "_" + PipelineInfrastructure.Holder.DATABASES.incrementAndGet();
    }

    /** Replaces the database part of a {@code jdbc:postgresql://host:port/db?params} URL. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int pathStart = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String base = pathStart < 0 ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, pathStart);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base + "/" + database + params;
    }
}
