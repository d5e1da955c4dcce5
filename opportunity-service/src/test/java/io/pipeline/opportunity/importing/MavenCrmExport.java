package io.pipeline.opportunity.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * What a user does with the Maven Analytics CRM export before importing it: rewrites it into our own CSV (one
 * row at engagement, one at the close) and its sales teams into an owner mapping. The export's quirks stay in:
 * Prospecting rows have no date and many open deals no account, so the import reports them; lost deals have a
 * close value of 0 and open deals none, so the product's list price stands in; open deals have no close date,
 * so engagement + 90 days stands in.
 */
final class MavenCrmExport {

    static final String STAGES = """
            crm_stage,process,stage,reason
            Prospecting,smb,Qualified,
            Engaging,smb,Evaluation,
            Won,,WON,
            Lost,,LOST,UNKNOWN
            """;
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private MavenCrmExport() {
    }

    static CsvFile deals(Reader pipeline, Reader products) {
        Map<String, String> listPrices = new HashMap<>();
        each(products, p -> listPrices.put(p.get("product").replace(" ", ""), p.get("sales_price")));
        return write("deals.csv", new String[]{"deal_id", "date", "account", "name", "owner", "segment", "stage",
                "amount", "close_date"}, printer -> each(pipeline, deal -> {
            String engaged = deal.get("engage_date");
            String stage = deal.get("deal_stage");
            String listPrice = listPrices.getOrDefault(deal.get("product").replace(" ", ""), "0");
            boolean closed = stage.equals("Won") || stage.equals("Lost");
            String expectedClose = closed ? deal.get("close_date")
                    : engaged.isEmpty() ? "" : LocalDate.parse(engaged).plusDays(90).toString();
            print(printer, deal.get("opportunity_id"), engaged, deal.get("account"),
                    deal.get("product") + " for " + (deal.get("account").isEmpty() ? "?" : deal.get("account")),
                    deal.get("sales_agent"), "SMB", closed ? "Engaging" : stage, listPrice, expectedClose);
            if (closed) {
                print(printer, deal.get("opportunity_id"), deal.get("close_date"), "", "", "", "", stage,
                        stage.equals("Won") ? deal.get("close_value") : "", "");
            }
        }));
    }

    static CsvFile owners(Reader salesTeams) {
        return write("owners.csv", new String[]{"crm_owner", "rep_id", "team_id", "region_id", "segment"},
                printer -> each(salesTeams, agent -> print(printer, agent.get("sales_agent"),
                        slug(agent.get("sales_agent")), slug(agent.get("manager")),
                        slug(agent.get("regional_office")), "SMB")));
    }

    private static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private interface RecordAction {
        void accept(CSVRecord record) throws IOException;
    }

    private interface PrinterAction {
        void accept(CSVPrinter printer) throws IOException;
    }

    private static void each(Reader reader, RecordAction action) {
        try (var parser = READ.parse(reader)) {
            for (CSVRecord record : parser) {
                action.accept(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(CSVPrinter printer, String... values) throws IOException {
        printer.printRecord((Object[]) values);
    }

    private static CsvFile write(String name, String[] header, PrinterAction rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header).get().print(out)) {
            rows.accept(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CsvFile(name, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
