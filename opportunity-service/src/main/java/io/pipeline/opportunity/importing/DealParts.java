package io.pipeline.opportunity.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * An import's deal files spread over temporary files by deal, so that a file of any size is read a part at a time
 * with every row of a deal in the same part: each row goes to the part its deal id hashes to (the Opportunity row
 * and its OpportunityHistory and OpportunityFieldHistory rows alike). One streaming pass per file writes the
 * parts; a part is then small enough ({@code partBytes}, about) to be read whole by the readers as before, so the
 * heap holds one part's rows, whatever the upload's size. Deals keep the file's order within a part; a file small
 * enough for one part is read in its own order.
 *
 * <p>Chosen over sorting by deal (an external merge sort writes and reads every row about twice more, and an
 * unsorted export is the rule) and over an index of row offsets per deal (20M history rows are 160 MB of offsets
 * alone, beyond a 512 MB heap with the rest). Each part row starts with its row number in the uploaded file, so
 * problems still name the row the user sees.
 */
final class DealParts implements AutoCloseable {

    /** Parts written at once stay open; a 16 KB buffer each keeps even the largest count at 16 MB. */
    static final int MAX_PARTS = 1024;
    private static final int BUFFER = 16 * 1024;

    /**
     * @param file     the file, or null when not given
     * @param required columns (normalised) without which the file cannot be read
     * @param keys     the columns (normalised) naming the deal, the first present is used
     */
    record Input(CsvFile file, Set<String> required, List<String> keys) {
    }

    private final Path directory;
    private final int count;
    /** Per input, its parts; null where the file was not given or its header lacks a column. */
    private final List<CsvFile[]> parts;
    private final List<ImportProblem> problems;

    private DealParts(Path directory, int count, List<CsvFile[]> parts, List<ImportProblem> problems) {
        this.directory = directory;
        this.count = count;
        this.parts = parts;
        this.problems = problems;
    }

    static DealParts split(List<Input> inputs, long partBytes) {
        long total = inputs.stream().filter(i -> i.file() != null).mapToLong(i -> i.file().size()).sum();
        int count = (int) Math.max(1, Math.min(MAX_PARTS, (total + partBytes - 1) / partBytes));
        try {
            Path directory = Files.createTempDirectory("crm-import-parts-");
            List<CsvFile[]> parts = new ArrayList<>();
            List<ImportProblem> problems = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Input input = inputs.get(i);
                parts.add(input.file() == null ? null : split(input, directory.resolve("file-" + i), count, problems));
            }
            return new DealParts(directory, count, parts, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CsvFile[] split(Input input, Path prefix, int count, List<ImportProblem> problems)
            throws IOException {
        Writers writers = new Writers(input.file().name(), prefix, count, input.keys());
        try (writers) {
            List<ImportProblem> stopped = input.file().stream(input.required(), writers::write);
            problems.addAll(stopped);
            if (stopped.stream().anyMatch(p -> p.row() == 1)) {
                // the header lacks a column: the file is not read at all, as before
                return null;
            }
        }
        return writers.parts(input);
    }

    /** The number of parts: each input has this many (some perhaps empty). */
    int count() {
        return count;
    }

    /** What stopped a file: a missing column (then the file is absent from every part) or text that is not CSV. */
    List<ImportProblem> problems() {
        return problems;
    }

    /** Part {@code part} of input {@code input}, or null when that file is not given or not readable. */
    CsvFile part(int input, int part) {
        CsvFile[] files = parts.get(input);
        return files == null ? null : files[part];
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One printer per part, opened at the first row (when the header is known). */
    private static final class Writers implements AutoCloseable {

        private final String name;
        private final Path prefix;
        private final CSVPrinter[] printers;
        private final List<String> keys;
        private String keyColumn;
        private boolean anyRow;

        Writers(String name, Path prefix, int count, List<String> keys) {
            this.name = name;
            this.prefix = prefix;
            this.printers = new CSVPrinter[count];
            this.keys = keys;
        }

        void write(List<String> header, CSVRecord record) {
            try {
                if (!anyRow) {
                    open(record.getParser().getHeaderNames());
                    keyColumn = keys.stream().filter(header::contains).findFirst().orElse(null);
                    anyRow = true;
                }
                String deal = key(header, record);
                int part = deal == null ? 0 : Math.floorMod(deal.hashCode(), printers.length);
                CSVPrinter printer = printers[part];
                printer.print(record.getRecordNumber() + 1);
                for (String value : record.values()) {
                    printer.print(value);
                }
                printer.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String key(List<String> header, CSVRecord record) {
            // the first non-blank value of the key column, as CsvRow keeps it, stripped as the readers' ids are
            for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
                if (header.get(i).equals(keyColumn) && !record.get(i).isBlank()) {
                    return record.get(i).strip();
                }
            }
            return null;
        }

        private void open(List<String> rawHeader) throws IOException {
            for (int i = 0; i < printers.length; i++) {
                printers[i] = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(
                        Files.newOutputStream(part(i)), StandardCharsets.UTF_8), BUFFER), CSVFormat.RFC4180);
                printers[i].print("#row");
                for (String column : rawHeader) {
                    printers[i].print(column);
                }
                printers[i].println();
            }
        }

        Path part(int i) {
            return prefix.resolveSibling(prefix.getFileName() + "-part-" + i + ".csv");
        }

        CsvFile[] parts(Input input) {
            CsvFile[] files = new CsvFile[printers.length];
            for (int i = 0; i < files.length; i++) {
                // a file without data rows is read as it is, once per part: it gives no rows to any
                files[i] = anyRow ? new CsvFile(name, null, part(i), true) : input.file();
            }
            return files;
        }

        @Override
        public void close() throws IOException {
            for (CSVPrinter printer : printers) {
                if (printer != null) {
                    printer.close();
                }
            }
        }
    }
}
