package io.pipeline.opportunity.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's reading holds a part of the files, not the files: a generated Salesforce export (130 MB) about 2.7
 * times the size of the heap is split, read and planned in a JVM of its own limited to {@value #HEAP_MB} MB, and every
 * deal comes out with the commands the file gives by hand (19 or 20 a deal, {@link GeneratedSalesforceExport}).
 * Holding the rows as before would need several times the heap (about 10 bytes of heap per byte of CSV).
 */
class CrmImportStreamingTest {

    private static final int HEAP_MB = 48;
    private static final int DEALS = 80_000;

    @TempDir
    Path directory;

    @Test
    void anExportLargerThanTheHeapIsReadAndPlannedAPartAtATime() throws IOException, InterruptedException {
        Path log = directory.resolve("reading.log");
        Process reading = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                BoundedHeapReading.class.getName(), String.valueOf(DEALS), directory.toString(),
                String.valueOf(1024 * 1024)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // about 1 minute on a quiet machine, 4 at a load average of 80
        boolean ended = reading.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            reading.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as(output).isTrue();
        assertThat(reading.exitValue()).as(output).isZero();
        Map<String, Long> figures = new HashMap<>();
        for (String line : output.lines().toList()) {
            List<String> pair = List.of(line.split("=", 2));
            if (pair.size() == 2 && pair.get(1).matches("\\d+")) {
                figures.put(pair.get(0), Long.parseLong(pair.get(1)));
            }
        }
        Files.writeString(Path.of("target/crm-import-streaming.txt"), "Bounded-heap reading: " + figures + "\n");
        assertThat(figures.get("bytes")).as("the files are well over the heap").isGreaterThan(5L * HEAP_MB << 19);
        assertThat(figures.get("parts")).isGreaterThan(100L);
        assertThat(figures.get("problems")).isZero();
        assertThat(figures.get("deals")).isEqualTo(DEALS);
        assertThat(figures.get("commands")).isEqualTo(GeneratedSalesforceExport.events(DEALS));
    }
}
