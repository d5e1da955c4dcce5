package io.pipeline.opportunity.importing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HubSpot's deals export: one row per deal (hs_object_id or Record ID, dealname, dealstage, amount, closedate,
 * createdate, pipeline, hubspot_owner_id, optionally deal_currency_code, dealtype, associatedcompanyid,
 * hs_lastmodifieddate) whose {@code hs_date_entered_<stage id>} columns say when it entered each stage: those are
 * its history. Its dates are epoch milliseconds or ISO ({@link Cells#epochMillisOrInstant}). The stages are read
 * as of the deal's {@code pipeline} ({@link StageMapping#inPipeline}): the stage mapping may map each pipeline's
 * stages on their own (every pipeline has its own "closed lost"), else by the stage alone. From there the deal is read as a Salesforce one is (the
 * same timeline: the entries in time, the row's current values last).
 */
final class HubSpotReader {

    static final Set<String> COLUMNS = Set.of("dealname", "dealstage", "createdate");
    /** The deal's id, under the names HubSpot's exports give it (normalised). */
    static final List<String> ID_COLUMNS = List.of("hsobjectid", "recordid", "dealid");
    private static final String ENTERED = CsvFile.normalise("hs_date_entered_");

    private final ZoneId zone;
    private final SalesforceReader timelines;

    HubSpotReader(StageMapping stages, ZoneId zone) {
        this.zone = zone;
        this.timelines = new SalesforceReader(stages, zone);
    }

    ReadResult read(CsvFile deals) {
        CsvFile.Parsed parsed = deals.read(COLUMNS);
        List<DealHistory> histories = new ArrayList<>();
        for (CsvRow row : parsed.rows()) {
            histories.add(deal(row));
        }
        return new ReadResult(histories, parsed.problems(), parsed.rows().size());
    }

    private DealHistory deal(CsvRow row) {
        RowReading cells = new RowReading(row, zone);
        String crmId = cells.id(true, "hs_object_id", "Record ID", "Deal ID");
        String id = crmId == null ? null : ImportedIds.opportunity(ImportedIds.HUBSPOT, crmId, cells, "hs_object_id");
        String name = cells.text(true, SalesforceReader.MAX_NAME, "dealname");
        String crmAccountId = cells.id(false, "associatedcompanyid", "Associated Company IDs");
        String accountId = crmAccountId != null ? ImportedIds.account(ImportedIds.HUBSPOT, crmAccountId)
                : ImportedIds.noAccount(ImportedIds.HUBSPOT);
        String accountName = crmAccountId != null ? crmAccountId : ImportedIds.NO_ACCOUNT_NAME;
        if (crmAccountId == null) {
            cells.problems().add(row.notice("associatedcompanyid", "blank: the deal is imported under the account '"
                    + accountId + "'"));
        }
        String owner = cells.id(false, "hubspot_owner_id");
        if (owner == null) {
            // HubSpot allows an unowned deal: it goes to a placeholder owner, reported by the owner mapping's notice
            owner = "no-owner";
        }
        Instant created = cells.epochMillisOrInstant(true, "createdate");
        LocalDate closeDate = cells.epochMillisOrDate(false, "closedate");
        if (row.get("closedate") == null && created != null) {
            closeDate = LocalDate.ofInstant(created, zone);
            cells.problems().add(row.notice("closedate", "blank: the deal is given its creation date " + closeDate
                    + " as close date (every deal here has one)"));
        }
        // the deal's stages are its pipeline's: the stage mapping may map them per pipeline
        String pipeline = cells.id(false, "pipeline");
        Observation current = new Observation(row, created, StageMapping.inPipeline(pipeline,
                cells.text(true, SalesforceReader.MAX_NAME, "dealstage")),
                SalesforceReader.amountOrZero(cells.amount(false, "amount")), cells.currency("deal_currency_code"),
                closeDate, owner, null, null, null, null);
        Instant lastModified = cells.epochMillisOrInstant(false, "hs_lastmodifieddate");
        List<Observation> entries = new ArrayList<>();
        for (Map.Entry<String, String> cell : row.values().entrySet()) {
            if (cell.getKey().startsWith(ENTERED) && cell.getKey().length() > ENTERED.length()) {
                Instant entered = cells.epochMillisOrInstant(false, cell.getKey());
                if (entered != null) {
                    entries.add(new Observation(row, entered, StageMapping.inPipeline(pipeline,
                            cell.getKey().substring(ENTERED.length())), null, null,
                            null, null, null, null, null, null));
                }
            }
        }
        String type = SalesforceReader.typeOf(row.get("dealtype")).name();
        if (cells.problems().stream().anyMatch(ImportProblem::isError)) {
            return new DealHistory(id, row, accountId, accountName, name, type, null, List.of(), cells.problems());
        }
        entries.sort(Comparator.comparing(Observation::at));
        return new DealHistory(id, row, accountId, accountName, name, type, null,
                timelines.timeline(current, entries, FieldHistory.read(List.of(), zone), lastModified),
                cells.problems());
    }
}
