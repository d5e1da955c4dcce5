package io.pipeline.forecast.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Any figure as CSV for BI tools, in long form: one row per value, named by its path in the JSON answer
 * ({@code totals.1.measure.amount}), beside the period, scope and instant it was computed for. Written by
 * commons-csv (RFC 4180 quoting, {@code \n} between rows as before).
 */
final class CsvFigures {

    static final String HEADER = "figure,period,scope,as_of,metric,value\n";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private CsvFigures() {
    }

    static String write(ObjectMapper json, String figure, Object answer) {
        JsonNode tree = json.valueToTree(answer);
        JsonNode basis = tree.path("basis");
        StringBuilder csv = new StringBuilder(HEADER);
        try {
            CSVPrinter printer = new CSVPrinter(csv, FORMAT);
            Object[] row = {figure, basis.path("period").asString(""), basis.path("scope").asString(""),
                    basis.path("asOf").asString(""), null, null};
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                if (!field.getKey().equals("basis")) {
                    rows(printer, row, field.getKey(), field.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return csv.toString();
    }

    private static void rows(CSVPrinter printer, Object[] row, String path, JsonNode node) throws IOException {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                rows(printer, row, path + "." + field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rows(printer, row, path + "." + i, node.get(i));
            }
        } else {
            row[4] = path;
            row[5] = node.isNull() ? null : node.asString();
            printer.printRecord(row);
        }
    }
}
