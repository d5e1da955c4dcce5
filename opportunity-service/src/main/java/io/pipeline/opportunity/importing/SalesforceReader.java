package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.OpportunityType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Salesforce's {@code Opportunity} export (the deals as they stand) with its optional {@code OpportunityHistory}
 * export (one row per change, holding the values after it). Each history row becomes an observation at its
 * {@code CreatedDate}; the deal's own row is the last observation, so what history missed still arrives.
 * Without history, a deal opens at its {@code CreatedDate} in its current stage, or, when that stage is an
 * ending, in its process's first qualified stage and ends at its {@code CloseDate}. A forecast category
 * ({@code ForecastCategory} of a history row, {@code ForecastCategoryName} of the deal's row) that differs from the
 * stage's own is the rep's override at that row's time ({@link HistoryPlanner}).
 */
final class SalesforceReader {

    static final int MAX_NAME = 200;
    static final Set<String> OPPORTUNITY_COLUMNS = Set.of("id", "name", "stagename", "closedate", "createddate");
    static final Set<String> HISTORY_COLUMNS = Set.of("opportunityid", "createddate", "stagename");
    static final Set<String> FIELD_HISTORY_COLUMNS = Set.of("opportunityid", "createddate", "field");

    private final StageMapping stages;
    private final FieldMapping fields;
    private final ZoneId zone;

    SalesforceReader(StageMapping stages, ZoneId zone) {
        this(stages, FieldMapping.none(), zone);
    }

    SalesforceReader(StageMapping stages, FieldMapping fields, ZoneId zone) {
        this.stages = stages;
        this.fields = fields;
        this.zone = zone;
    }

    ReadResult read(CsvFile opportunities, CsvFile history) {
        return read(opportunities, history, null);
    }

    /** @param fieldHistory the {@code OpportunityFieldHistory} export, or null */
    ReadResult read(CsvFile opportunities, CsvFile history, CsvFile fieldHistory) {
        CsvFile.Parsed deals = opportunities.read(OPPORTUNITY_COLUMNS);
        CsvFile.Parsed changes = history == null ? new CsvFile.Parsed(List.of(), List.of())
                : history.read(HISTORY_COLUMNS);
        CsvFile.Parsed fieldChanges = fieldHistory == null ? new CsvFile.Parsed(List.of(), List.of())
                : fieldHistory.read(FIELD_HISTORY_COLUMNS);
        List<ImportProblem> problems = new ArrayList<>(deals.problems());
        problems.addAll(changes.problems());
        problems.addAll(fieldChanges.problems());

        Map<String, List<CsvRow>> changesByDeal = byDeal(changes);
        Map<String, List<CsvRow>> fieldChangesByDeal = byDeal(fieldChanges);
        List<DealHistory> histories = new ArrayList<>();
        for (CsvRow deal : deals.rows()) {
            String crmId = deal.id("id");
            histories.add(deal(deal, changesByDeal.getOrDefault(crmId, List.of()),
                    fieldChangesByDeal.getOrDefault(crmId, List.of())));
            changesByDeal.remove(crmId);
            fieldChangesByDeal.remove(crmId);
        }
        for (Map<String, List<CsvRow>> orphaned : List.of(changesByDeal, fieldChangesByDeal)) {
            orphaned.values().forEach(orphans -> orphans.forEach(orphan -> problems.add(orphan.error("OpportunityId",
                    orphan.id("opportunityid") == null ? "required"
                            : "no row of the Opportunity file has this Id"))));
        }
        return new ReadResult(histories, problems,
                deals.rows().size() + changes.rows().size() + fieldChanges.rows().size());
    }

    private static Map<String, List<CsvRow>> byDeal(CsvFile.Parsed changes) {
        Map<String, List<CsvRow>> byDeal = new LinkedHashMap<>();
        for (CsvRow change : changes.rows()) {
            byDeal.computeIfAbsent(change.id("opportunityid"), id -> new ArrayList<>()).add(change);
        }
        return byDeal;
    }

    private DealHistory deal(CsvRow row, List<CsvRow> changeRows, List<CsvRow> fieldChangeRows) {
        RowReading cells = new RowReading(row, zone);
        String crmId = cells.id(true, "Id");
        String id = crmId == null ? null : ImportedIds.opportunity(ImportedIds.SALESFORCE, crmId, cells, "Id");
        String name = cells.text(true, MAX_NAME, "Name");
        String crmAccountId = cells.id(false, "AccountId");
        String accountName = cells.text(false, MAX_NAME, "Account.Name", "Account");
        String accountId = crmAccountId != null ? ImportedIds.account(ImportedIds.SALESFORCE, crmAccountId)
                : accountName == null ? null : ImportedIds.accountOfName(ImportedIds.SALESFORCE, accountName);
        if (accountId == null) {
            accountId = ImportedIds.noAccount(ImportedIds.SALESFORCE);
            accountName = ImportedIds.NO_ACCOUNT_NAME;
            cells.problems().add(row.notice("AccountId", "blank: the deal is imported under the account '"
                    + accountId + "'"));
        }
        String owner = cells.id(true, "OwnerId", "Owner.Name", "Owner");
        Instant created = cells.instant(true, "CreatedDate");
        Instant lastModified = cells.instant(false, "LastModifiedDate");
        Observation current = new Observation(row, created, cells.text(true, MAX_NAME, "StageName"),
                amountOrZero(cells.amount(false, "Amount")), cells.currency("CurrencyIsoCode"),
                cells.date(true, "CloseDate"), owner, null, null, null, null)
                .withForecastCategory(cells.forecastCategory("ForecastCategoryName", "ForecastCategory"));
        OpportunityType type = typeOf(row.get("type"));
        FieldMapping.Outcome outcome = fields.outcome(cells);

        List<ImportProblem> problems = new ArrayList<>(cells.problems());
        List<Observation> observations = new ArrayList<>();
        for (CsvRow changeRow : changeRows) {
            RowReading change = new RowReading(changeRow, zone);
            observations.add(new Observation(changeRow, change.instant(true, "CreatedDate"),
                    change.text(true, MAX_NAME, "StageName"), change.amount(false, "Amount"), null,
                    change.date(false, "CloseDate"), null, null, null, null, null)
                    .withForecastCategory(change.forecastCategory("ForecastCategory", "ForecastCategoryName")));
            problems.addAll(change.problems());
        }
        FieldHistory fieldChanges = FieldHistory.read(fieldChangeRows, zone);
        problems.addAll(fieldChanges.problems());
        if (problems.stream().anyMatch(ImportProblem::isError)) {
            return new DealHistory(id, row, accountId, accountName, name, type.name(), null, List.of(), problems);
        }
        observations.sort(Comparator.comparing(Observation::at));
        return new DealHistory(id, row, accountId, accountName == null ? crmAccountId : accountName, name,
                type.name(), null, timeline(current, observations, fieldChanges, lastModified).stream()
                // the org's own fields say why the deal was lost, whichever row ends it
                .map(o -> o.withOutcome(outcome.lostReason(), outcome.competitor())).toList(), problems);
    }

    /**
     * The opening is at the deal's CreatedDate (or its first change, if earlier) with the values it had before any
     * field-history change (the first change's OldValue of each field), else those of its first history row, else
     * its current ones. History rows and field changes then follow in time; the deal's own row closes the timeline
     * at LastModifiedDate, or when nothing says, at the later of the last change and, for an ended deal, its close
     * date.
     */
    List<Observation> timeline(Observation current, List<Observation> changes, FieldHistory fields,
                               Instant lastModified) {
        boolean ended = stages.target(current.stage()).orElse(null) instanceof StageTarget.Closing;
        Observation before = fields.before();
        List<Observation> later = new ArrayList<>(fields.changes());
        Instant opened = later.isEmpty() ? current.at() : min(current.at(), later.get(0).at());
        Observation opening;
        if (changes.isEmpty()) {
            String stage = before.stage() != null ? before.stage() : ended ? null : current.stage();
            // the current category holds from the opening only where the current stage does
            opening = new Observation(current.source(), opened, stage, firstOf(before.amount(), current.amount()),
                    current.currency(), firstOf(before.closeDate(), current.closeDate()),
                    firstOf(before.owner(), current.owner()), null, null, null, null,
                    before.forecastCategory() != null ? before.forecastCategory()
                            : stage != null && stage.equals(current.stage()) ? current.forecastCategory() : null);
        } else {
            Observation first = changes.get(0);
            opening = new Observation(first.source(), min(opened, first.at()), first.stage(),
                    firstOf(first.amount(), before.amount(), current.amount()), current.currency(),
                    firstOf(first.closeDate(), before.closeDate(), current.closeDate()),
                    firstOf(before.owner(), current.owner()), null, null, null, null,
                    firstOf(first.forecastCategory(), before.forecastCategory()));
            later.addAll(changes.subList(1, changes.size()));
        }
        // stable: a history row and a field change at the same instant keep the order above
        later.sort(Comparator.comparing(Observation::at));
        List<Observation> timeline = new ArrayList<>();
        timeline.add(opening);
        timeline.addAll(later);
        Instant last = timeline.get(timeline.size() - 1).at();
        Instant end = lastModified != null ? max(lastModified, last)
                : ended ? max(last, current.closeDate().atStartOfDay(zone).toInstant()) : last;
        if (ended || !changes.isEmpty() || !later.isEmpty()) {
            timeline.add(current.at(end));
        }
        return timeline;
    }

    @SafeVarargs
    private static <T> T firstOf(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Salesforce allows a deal without an amount; here every deal has one. */
    static BigDecimal amountOrZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    /**
     * Salesforce's standard types: "New Customer" / "New Business", "Existing Customer - Upgrade" and friends,
     * "Renewal". Anything else counts as new business, as most CRMs default.
     */
    static OpportunityType typeOf(String crmType) {
        String type = crmType == null ? "" : crmType.toLowerCase(Locale.ROOT);
        if (type.contains("renewal")) {
            return OpportunityType.RENEWAL;
        }
        return type.contains("existing") || type.contains("upgrade") || type.contains("expansion")
                ? OpportunityType.EXPANSION : OpportunityType.NEW_BUSINESS;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
