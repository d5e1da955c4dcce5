package io.pipeline.opportunity.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * it), held in memory (a mapping, a test's file) or on disk (an upload, a part of one: {@link DealParts}).
 * Commons CSV does the parsing; this only names the columns loosely and numbers the rows. Values are kept as
 * written, spaces included (a name is stored as given); ids, dates and numbers are stripped where they are read.
 *
 * @param content  the bytes, or null when the file is on disk
 * @param path     the file on disk, or null
 * @param numbered a part written by {@link DealParts}: its first column is the row number in the uploaded file,
 *                 so problems name the row the user sees
 */
public record CsvFile(String name, byte[] content, Path path, boolean numbered) {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(false).setTrim(false)
            .setAllowMissingColumnNames(true).get();

    public CsvFile(String name, byte[] content) {
        this(name, content, null, false);
    }

    public CsvFile(String name, Path path) {
        this(name, null, path, false);
    }

    /**
     * {@code Account.Name}, {@code Account Name} and {@code account_name} all become {@code accountname}: exports
     * differ in case and punctuation, never in the letters.
     */
    public static String normalise(String column) {
        return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    long size() {
        try {
            return content != null ? content.length : Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InputStream open() throws IOException {
        return content != null ? new ByteArrayInputStream(content) : Files.newInputStream(path);
    }

    /** The rows, or a problem naming the first row that is not CSV (an unbalanced quote) or a missing column. */
    public Parsed read(Set<String> requiredColumns) {
        List<CsvRow> rows = new ArrayList<>();
        List<ImportProblem> problems = stream(requiredColumns, (header, record) -> rows.add(row(header, record)));
        return new Parsed(rows, problems);
    }

    /**
     * Reads the file a record at a time, never whole, handing each with the normalised header to {@code each};
     * answers the problem that stopped it (a missing column, text that is not CSV), if any.
     */
    List<ImportProblem> stream(Set<String> requiredColumns, RecordConsumer each) {
        long[] records = {0};
        try (Reader reader = new InputStreamReader(BOMInputStream.builder().setInputStream(open()).get(),
                StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> header = new ArrayList<>(parser.getHeaderNames().stream().map(CsvFile::normalise).toList());
            if (numbered) {
                header.set(0, "");
            }
            List<String> missing = requiredColumns.stream().filter(c -> !header.contains(c)).sorted().toList();
            if (!missing.isEmpty()) {
                return List.of(ImportProblem.error(name, 1, String.join(",", missing),
                        "missing column(s); the header has " + parser.getHeaderNames()));
            }
            for (CSVRecord record : parser) {
                records[0]++;
                each.accept(header, record);
            }
            return List.of();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return List.of(ImportProblem.error(name, records[0] + 2, null,
                    "not readable as CSV after the previous row: " + e.getMessage()));
        }
    }

    CsvRow row(List<String> header, CSVRecord record) {
        long row = numbered ? Long.parseLong(record.get(0)) : record.getRecordNumber() + 1;
        return new CsvRow(name, row, valuesOf(record, header));
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

    @FunctionalInterface
    interface RecordConsumer {
        void accept(List<String> header, CSVRecord record);
    }

    public record Parsed(List<CsvRow> rows, List<ImportProblem> problems) {
    }
}
