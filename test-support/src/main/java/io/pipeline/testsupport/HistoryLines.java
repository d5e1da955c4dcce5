package io.pipeline.testsupport;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A history page ({@code /api/.../{id}/history}) as one line per item, to compare with lines worked out by hand. */
public final class HistoryLines {

    private HistoryLines() {
    }

    /** Each item as {@code "sequence type occurredAt field:from>to ..."}, absent values as {@code null}. */
    public static List<String> of(JsonNode history) {
        List<String> lines = new ArrayList<>();
        for (JsonNode item : history.get("items")) {
            StringBuilder line = new StringBuilder(item.get("sequence").asLong() + " " + item.get("type").asString()
                    + " " + item.get("occurredAt").asString());
            for (JsonNode change : item.get("changes")) {
                line.append(' ').append(change.get("field").asString()).append(':')
                        .append(text(change.get("from"))).append('>').append(text(change.get("to")));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** As {@link #of}, without the business times: for histories recorded now. */
    public static List<String> withoutTimes(JsonNode history) {
        return of(history).stream().map(line -> line.replaceFirst(" \\S+Z( |$)", "$1")).toList();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.asString();
    }
}
