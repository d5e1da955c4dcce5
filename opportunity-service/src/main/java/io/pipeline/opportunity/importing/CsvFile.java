package io.pipeline.opportunity.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * An uploaded CSV file (UTF-8, an optional byte-order mark, a header row, RFC 4180 quoting as CRM exports write
 * it). Commons CSV does the parsing; this only names the columns loosely and numbers the rows. Values are kept as
 * written, spaces included (a name is stored as given); ids, dates and numbers are stripped where they are read.
 */
public record CsvFile(String name, byte[] content) {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(false).setTrim(false)
            .setAllowMissingColumnNames(true).get();

    /**
     * {@code Account.Name}, {@code Account Name} and {@code account_name} all become {@code accountname}: exports
     * differ in case and punctuation, never in the letters.
     */
    public static String normalise(String column) {
        return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The rows, or a problem naming the first row that is not CSV (an unbalanced quote) or a missing column. */
    public Parsed read(Set<String> requiredColumns) {
        List<CsvRow> rows = new ArrayList<>();
        try (Reader reader = new InputStreamReader(BOMInputStream.builder()
                .setInputStream(new ByteArrayInputStream(content)).get(), StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> header = parser.getHeaderNames().stream().map(CsvFile::normalise).toList();
            List<String> missing = requiredColumns.stream().filter(c -> !header.contains(c)).sorted().toList();
            if (!missing.isEmpty()) {
                return new Parsed(List.of(), List.of(ImportProblem.error(name, 1, String.join(",", missing),
                        "missing column(s); the header has " + parser.getHeaderNames())));
            }
            for (CSVRecord record : parser) {
                rows.add(new CsvRow(name, record.getRecordNumber() + 1, valuesOf(record, header)));
            }
            return new Parsed(rows, List.of());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the content is in memory: reading fails only where the text is not CSV
            return new Parsed(rows, List.of(ImportProblem.error(name, rows.size() + 2, null,
                    "not readable as CSV after the previous row: " + e.getMessage())));
        }
    }

    private static Map<String, String> valuesOf(CSVRecord record, List<String> header) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
            String value = record.get(i);
            if (!value.isBlank() && !header.get(i).isEmpty()) {
                values.putIfAbsent(header.get(i), value);
            }
        }
        return values;
    }

    public record Parsed(List<CsvRow> rows, List<ImportProblem> problems) {
    }
}
