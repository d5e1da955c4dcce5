package io.pipeline.opportunity.importing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A Salesforce export made up for tests and benchmarks: {@code Opportunity}, {@code OpportunityHistory} and
 * {@code OpportunityFieldHistory} of {@code deals} deals, 20 rows each, every deal following the same script
 * so the events it must give are known by hand:
 *
 * <ul>
 *   <li>OpportunityHistory: the opening snapshot (stage S1 = Qualified), five stage moves S2..S6 (Business case to
 *       Redlining contract, each the next stage of the enterprise process) and three amount changes: 9 rows;</li>
 *   <li>OpportunityFieldHistory: three amount changes, five close-date pushes (a week each) and two owner changes:
 *       10 rows;</li>
 *   <li>the Opportunity row: even deals end Closed Won, odd ones stay at S6; every seventh has no account.</li>
 * </ul>
 *
 * So a deal records 1 open + 5 stage advances + 6 amount changes + 5 close-date changes + 2 reassignments = 19
 * events, and an even (won) deal one more: 20.
 */
final class GeneratedSalesforceExport {

    static final String STAGES = """
            crm_stage,process,stage,reason
            S1,enterprise,Qualified,
            S2,enterprise,Business case,
            S3,enterprise,Evaluation,
            S4,enterprise,Shortlisted,
            S5,enterprise,Selected,
            S6,enterprise,Redlining contract,
            Closed Won,,WON,
            Closed Lost,,LOST,UNKNOWN
            """;

    static final int OWNERS = 20;
    static final int ROWS_PER_DEAL = 20;

    private static final DateTimeFormatter SALESFORCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final Instant FIRST_CREATED = Instant.parse("2024-01-01T09:00:00Z");

    private enum Step { ADVANCE, AMOUNT_IN_HISTORY, AMOUNT_FIELD, CLOSE_DATE, OWNER }

    /** 18 changes after the opening: 5 advances, 3 + 3 amounts, 5 close dates, 2 owners. */
    private static final Step[] SCRIPT = {Step.ADVANCE, Step.AMOUNT_IN_HISTORY, Step.CLOSE_DATE, Step.ADVANCE,
            Step.OWNER, Step.AMOUNT_FIELD, Step.ADVANCE, Step.CLOSE_DATE, Step.AMOUNT_IN_HISTORY, Step.ADVANCE,
            Step.CLOSE_DATE, Step.AMOUNT_FIELD, Step.OWNER, Step.ADVANCE, Step.CLOSE_DATE, Step.AMOUNT_IN_HISTORY,
            Step.CLOSE_DATE, Step.AMOUNT_FIELD};

    final byte[] opportunities;
    final byte[] history;
    final byte[] fieldHistory;
    final int deals;

    private GeneratedSalesforceExport(byte[] opportunities, byte[] history, byte[] fieldHistory, int deals) {
        this.opportunities = opportunities;
        this.history = history;
        this.fieldHistory = fieldHistory;
        this.deals = deals;
    }

    static String crmId(int deal) {
        return String.format("006GN%010dAAA", deal);
    }

    static String dealId(int deal) {
        return ImportedIds.SALESFORCE + crmId(deal);
    }

    static int eventsOf(int deal) {
        return deal % 2 == 0 ? 20 : 19;
    }

    static long events(int deals) {
        long events = 0;
        for (int i = 0; i < deals; i++) {
            events += eventsOf(i);
        }
        return events;
    }

    static String owners() {
        StringBuilder owners = new StringBuilder("crm_owner,rep_id,team_id,region_id,segment\n");
        for (int o = 0; o < OWNERS; o++) {
            owners.append(owner(o)).append(",rep-gen-").append(o).append(",team-gen-").append(o % 4).append(',')
                    .append(o % 2 == 0 ? "emea" : "na").append(",ENTERPRISE\n");
        }
        return owners.toString();
    }

    private static String owner(int o) {
        return String.format("005GN%010dAAA", o);
    }

    static GeneratedSalesforceExport of(int deals) {
        ByteArrayOutputStream opportunities = new ByteArrayOutputStream(deals * 200);
        ByteArrayOutputStream history = new ByteArrayOutputStream(deals * 9 * 80);
        ByteArrayOutputStream fieldHistory = new ByteArrayOutputStream(deals * 10 * 90);
        try (Writer opp = new OutputStreamWriter(opportunities, StandardCharsets.UTF_8);
             Writer hist = new OutputStreamWriter(history, StandardCharsets.UTF_8);
             Writer fields = new OutputStreamWriter(fieldHistory, StandardCharsets.UTF_8)) {
            write(deals, opp, hist, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GeneratedSalesforceExport(opportunities.toByteArray(), history.toByteArray(),
                fieldHistory.toByteArray(), deals);
    }

    /** The same export written to {@code directory} as it is made, for files larger than a heap. */
    static List<Path> writeTo(Path directory, int deals) {
        List<Path> files = List.of(directory.resolve("Opportunity.csv"), directory.resolve("OpportunityHistory.csv"),
                directory.resolve("OpportunityFieldHistory.csv"));
        try (Writer opp = Files.newBufferedWriter(files.get(0));
             Writer hist = Files.newBufferedWriter(files.get(1));
             Writer fields = Files.newBufferedWriter(files.get(2))) {
            write(deals, opp, hist, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static void write(int deals, Writer opp, Writer hist, Writer fields) throws IOException {
        opp.write("Id,AccountId,Account.Name,OwnerId,Name,StageName,Amount,CurrencyIsoCode,CloseDate,CreatedDate,"
                + "LastModifiedDate,Type\n");
        hist.write("OpportunityId,CreatedDate,StageName,Amount,CloseDate\n");
        fields.write("OpportunityId,Field,OldValue,NewValue,CreatedDate\n");
        for (int i = 0; i < deals; i++) {
            deal(i, opp, hist, fields);
        }
    }

    private static void deal(int i, Writer opp, Writer hist, Writer fields) throws IOException {
        String id = crmId(i);
        Instant created = FIRST_CREATED.plus(Duration.ofMinutes(i % 500_000L));
        int stage = 1;
        BigDecimal amount = BigDecimal.valueOf(10_000 + (i % 1000) * 100L).setScale(2);
        LocalDate closeDate = LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(120);
        int owner = i % OWNERS;
        Instant at = created;
        hist.write(id + "," + SALESFORCE_TIME.format(at) + ",S1," + amount + "," + closeDate + "\n");
        for (Step step : SCRIPT) {
            at = at.plus(Duration.ofDays(3).plusHours(1));
            String time = SALESFORCE_TIME.format(at);
            switch (step) {
                case ADVANCE -> {
                    stage++;
                    hist.write(id + "," + time + ",S" + stage + "," + amount + "," + closeDate + "\n");
                }
                case AMOUNT_IN_HISTORY -> {
                    amount = amount.add(BigDecimal.valueOf(1000));
                    hist.write(id + "," + time + ",S" + stage + "," + amount + "," + closeDate + "\n");
                }
                case AMOUNT_FIELD -> {
                    BigDecimal next = amount.add(BigDecimal.valueOf(500));
                    fields.write(id + ",Amount," + amount + "," + next + "," + time + "\n");
                    amount = next;
                }
                case CLOSE_DATE -> {
                    LocalDate next = closeDate.plusDays(7);
                    fields.write(id + ",CloseDate," + closeDate + "," + next + "," + time + "\n");
                    closeDate = next;
                }
                case OWNER -> {
                    int next = (owner + 1 + i % 3) % OWNERS;
                    fields.write(id + ",Owner," + owner(owner) + "," + owner(next) + "," + time + "\n");
                    owner = next;
                }
            }
        }
        boolean won = i % 2 == 0;
        Instant lastModified = at.plus(Duration.ofDays(2));
        boolean accountless = i % 7 == 3;
        String account = accountless ? ",," : String.format("001GN%010dAAA,Account %d,", i % 5000, i % 5000);
        opp.write(id + "," + account + owner(owner) + ",Deal " + i + "," + (won ? "Closed Won" : "S6") + ","
                + amount + ",USD," + closeDate + "," + SALESFORCE_TIME.format(created) + ","
                + SALESFORCE_TIME.format(lastModified) + ",New Business\n");
    }
}
