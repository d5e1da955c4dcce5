package io.pipeline.forecast.web;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Any figure as CSV for BI tools, in long form: one row per value, named by its path in the JSON answer
 * ({@code totals.1.measure.amount}), beside the period, scope and instant it was computed for.
 */
final class CsvFigures {

    static final String HEADER = "figure,period,scope,as_of,metric,value\n";

    private CsvFigures() {
    }

    static String write(ObjectMapper json, String figure, Object answer) {
        JsonNode tree = json.valueToTree(answer);
        JsonNode basis = tree.path("basis");
        String prefix = String.join(",", quote(figure), quote(basis.path("period").asString("")),
                quote(basis.path("scope").asString("")), quote(basis.path("asOf").asString("")));
        StringBuilder csv = new StringBuilder(HEADER);
        for (Map.Entry<String, JsonNode> field : tree.properties()) {
            if (!field.getKey().equals("basis")) {
                rows(csv, prefix, field.getKey(), field.getValue());
            }
        }
        return csv.toString();
    }

    private static void rows(StringBuilder csv, String prefix, String path, JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                rows(csv, prefix, path + "." + field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rows(csv, prefix, path + "." + i, node.get(i));
            }
        } else {
            csv.append(prefix).append(',').append(quote(path)).append(',')
                    .append(node.isNull() ? "" : quote(node.asString())).append('\n');
        }
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
