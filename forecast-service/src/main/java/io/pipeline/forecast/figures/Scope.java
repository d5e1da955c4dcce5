package io.pipeline.forecast.figures;

import io.pipeline.platform.problem.InvalidFieldException;
import java.util.Locale;

/**
 * Whose figures: the whole org, or one region, team, rep or segment. Written {@code org}, {@code region:emea},
 * {@code team:team-7}, {@code rep:rep-42} or {@code segment:SMB}.
 */
public record Scope(Level level, String id) {

    public enum Level {
        ORG(null), REGION("region_id"), TEAM("team_id"), REP("owner_id"), SEGMENT("segment");

        private final String column;

        Level(String column) {
            this.column = column;
        }

        /** The read-model column a scope of this level filters on; null for the whole org. */
        public String column() {
            return column;
        }
    }

    public static final Scope ORG = new Scope(Level.ORG, null);

    public static Scope parse(String field, String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("org")) {
            return ORG;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            try {
                Level level = Level.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT));
                if (level != Level.ORG) {
                    String id = text.substring(colon + 1);
                    return new Scope(level, level == Level.SEGMENT ? id.toUpperCase(Locale.ROOT) : id);
                }
            } catch (IllegalArgumentException unknownLevel) {
                // falls through to the refusal below
            }
        }
        throw new InvalidFieldException(field, "'" + text + "' is not a scope; use org, region:<id>, team:<id>,"
                + " rep:<id> or segment:<ENTERPRISE|MID_MARKET|SMB>");
    }

    @Override
    public String toString() {
        return level == Level.ORG ? "org" : level.name().toLowerCase(Locale.ROOT) + ":" + id;
    }
}
