package io.pipeline.forecast.readmodel;

/** One version of the tables derived from the topics, kept in its own schema ({@code rm_v1}, {@code rm_v2}...). */
public record ReadModel(int version) {

    public ReadModel {
        if (version < 1) {
            throw new IllegalArgumentException("read-model versions start at 1, not " + version);
        }
    }

    public String schema() {
        return "rm_v" + version;
    }

    /** The schema-qualified name of one of the version's tables (the name is ours, never user input). */
    public String table(String name) {
        return schema() + "." + name;
    }
}
