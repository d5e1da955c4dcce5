package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.LossReason;
import io.pipeline.opportunity.api.OpportunityType;
import io.pipeline.opportunity.api.Segment;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our own CSV, for any CRM without a reader of its own: one row per deal and one per change, in any order.
 * A deal's earliest row (by {@code date}; the file's order among equal dates) opens it and must give
 * {@code account} (or {@code account_id}), {@code name}, {@code owner}, {@code stage}, {@code amount} and
 * {@code close_date}. Each later row gives its {@code date} and only what changed then: {@code stage},
 * {@code amount}, {@code currency}, {@code close_date}, {@code owner}; a row that ends the deal as lost may give
 * {@code lost_reason} and {@code competitor}. The full column list is in the README and
 * {@code import-examples/deals.csv}.
 */
final class PipelineCsvReader {

    static final Set<String> COLUMNS = Set.of("dealid", "date");

    private final ZoneId zone;

    PipelineCsvReader(ZoneId zone) {
        this.zone = zone;
    }

    ReadResult read(CsvFile file) {
        CsvFile.Parsed parsed = file.read(COLUMNS);
        List<ImportProblem> problems = new ArrayList<>(parsed.problems());
        Map<String, List<CsvRow>> rowsByDeal = new LinkedHashMap<>();
        for (CsvRow row : parsed.rows()) {
            String dealId = row.id("dealid");
            if (dealId == null) {
                problems.add(row.error("deal_id", "required"));
            } else {
                rowsByDeal.computeIfAbsent(dealId, id -> new ArrayList<>()).add(row);
            }
        }
        List<DealHistory> deals = rowsByDeal.values().stream().map(this::deal).toList();
        return new ReadResult(deals, problems, parsed.rows().size());
    }

    private DealHistory deal(List<CsvRow> rows) {
        List<ImportProblem> problems = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        for (CsvRow row : rows) {
            RowReading cells = new RowReading(row, zone);
            observations.add(new Observation(row, cells.instant(true, "date"), cells.text(false, 200, "stage"),
                    cells.amount(false, "amount"), cells.currency("currency"), cells.date(false, "close_date"),
                    cells.id(false, "owner"), cells.id(false, "team"), cells.id(false, "region"),
                    cells.choice(LossReason.class, "lost_reason"), cells.text(false, 200, "competitor")));
            problems.addAll(cells.problems());
        }
        if (problems.stream().anyMatch(ImportProblem::isError)) {
            return new DealHistory(null, rows.get(0), null, null, null, null, null, List.of(), problems);
        }
        observations.sort(Comparator.comparing(Observation::at));
        CsvRow opening = observations.get(0).source();
        RowReading cells = new RowReading(opening, zone);
        String id = ImportedIds.opportunity(ImportedIds.OWN_FORMAT, opening.id("dealid"), cells, "deal_id");
        String accountName = cells.text(false, SalesforceReader.MAX_NAME, "account");
        String crmAccountId = cells.id(false, "account_id");
        String name = cells.text(true, SalesforceReader.MAX_NAME, "name");
        cells.id(true, "owner");
        cells.text(true, 200, "stage");
        cells.amount(true, "amount");
        cells.date(true, "close_date");
        OpportunityType type = cells.choice(OpportunityType.class, "type");
        Segment segment = cells.choice(Segment.class, "segment");
        problems.addAll(cells.problems());
        String accountId = crmAccountId != null ? ImportedIds.account(ImportedIds.OWN_FORMAT, crmAccountId)
                : accountName == null ? null : ImportedIds.accountOfName(ImportedIds.OWN_FORMAT, accountName);
        if (accountId == null) {
            accountId = ImportedIds.noAccount(ImportedIds.OWN_FORMAT);
            accountName = ImportedIds.NO_ACCOUNT_NAME;
            problems.add(opening.notice("account", "blank on the deal's first row (and no account_id): the deal is"
                    + " imported under the account '" + accountId + "'"));
        }
        return new DealHistory(id, opening, accountId, accountName == null ? crmAccountId : accountName, name,
                (type == null ? OpportunityType.NEW_BUSINESS : type).name(), segment == null ? null : segment.name(),
                observations, problems);
    }
}
