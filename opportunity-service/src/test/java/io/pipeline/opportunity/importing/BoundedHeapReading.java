package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.Segment;
import io.pipeline.opportunity.process.SalesProcess;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Run in a JVM of its own with a small {@code -Xmx} ({@link CrmImportStreamingTest}): writes a generated Salesforce
 * export of {@code args[0]} deals to {@code args[1]}, then splits, reads and plans it as an import does, a part of
 * {@code args[2]} bytes at a time, and prints the files' size, the deals and commands planned and the old generation's peak.
 * It dies of OutOfMemoryError if the reading holds more than a part's rows.
 */
public final class BoundedHeapReading {

    public static void main(String[] args) throws Exception {
        int deals = Integer.parseInt(args[0]);
        Path directory = Path.of(args[1]);
        long partBytes = Long.parseLong(args[2]);
        List<Path> files = GeneratedSalesforceExport.writeTo(directory, deals);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        StageMapping stages = StageMapping.parse(new CsvFile("stages.csv",
                GeneratedSalesforceExport.STAGES.getBytes(StandardCharsets.UTF_8)), id -> SalesProcess.SHIPPED.stream()
                .filter(p -> p.id().equals(id)).findFirst()).mapping();
        OwnerMapping owners = OwnerMapping.parse(new CsvFile("owners.csv",
                GeneratedSalesforceExport.owners().getBytes(StandardCharsets.UTF_8))).mapping();
        HistoryPlanner planner = new HistoryPlanner(stages, owners, (id, segment) -> SalesProcess.ENTERPRISE,
                new HistoryPlanner.Settings(ImportFormat.SALESFORCE, Segment.ENTERPRISE, "USD", ZoneOffset.UTC,
                        "test"));
        SalesforceReader reader = new SalesforceReader(stages, ZoneOffset.UTC);
        long dealsPlanned = 0;
        long commands = 0;
        long problems = 0;
        try (DealParts parts = DealParts.split(List.of(
                new DealParts.Input(new CsvFile("Opportunity.csv", files.get(0)), SalesforceReader.OPPORTUNITY_COLUMNS,
                        List.of("id")),
                new DealParts.Input(new CsvFile("OpportunityHistory.csv", files.get(1)),
                        SalesforceReader.HISTORY_COLUMNS, List.of("opportunityid")),
                new DealParts.Input(new CsvFile("OpportunityFieldHistory.csv", files.get(2)),
                        SalesforceReader.FIELD_HISTORY_COLUMNS, List.of("opportunityid"))), partBytes)) {
            problems += parts.problems().size();
            for (int part = 0; part < parts.count(); part++) {
                ReadResult read = reader.read(parts.part(0, part), parts.part(1, part), parts.part(2, part));
                problems += read.problems().size();
                for (DealHistory deal : read.deals()) {
                    DealPlan plan = planner.plan(deal);
                    dealsPlanned += plan.importable() ? 1 : 0;
                    commands += plan.commands().size();
                }
            }
            System.out.printf("parts=%d%n", parts.count());
        }
        // the old generation's peak is what the reading kept alive (the young pools' peaks are garbage between GCs)
        long oldPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                oldPeak = Math.max(oldPeak, pool.getPeakUsage().getUsed());
            }
        }
        System.out.printf("bytes=%d%ndeals=%d%ncommands=%d%nproblems=%d%noldGenPeak=%d%nheapMax=%d%n", bytes,
                dealsPlanned, commands, problems, oldPeak, Runtime.getRuntime().maxMemory());
    }
}
