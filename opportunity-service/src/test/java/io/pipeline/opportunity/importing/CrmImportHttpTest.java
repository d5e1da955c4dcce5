package io.pipeline.opportunity.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.opportunity.api.Deal;
import io.pipeline.opportunity.api.DealChanged;
import io.pipeline.opportunity.api.OpportunityOpened;
import io.pipeline.testsupport.HttpJson;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Imports over real HTTP into the real event store, checked event by event against histories worked out by hand. */
class CrmImportHttpTest extends HttpTestBase {

    private static final String EXAMPLES = "/import-examples/";

    @Autowired
    EventStore eventStore;

    @Test
    void anImportedHistoryRecordsTheEventsALiveDealWouldHaveWithTheirBusinessTimes() {
        JsonNode report = importFiles("PIPELINE", "", Map.of("deals", example("deals.csv"), "owners", example("owners.csv")));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");
        assertThat(report.get("problemCount").asLong()).as(report.toString()).isZero();

        // worked out by hand from import-examples/deals.csv: a date alone is midnight UTC (the business zone)
        assertThat(history("imp-D-1")).containsExactly(
                "OpportunityOpened 2025-01-06T00:00:00Z Qualified PIPELINE OPEN close 2025-06-20 100000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "StageAdvanced 2025-02-03T00:00:00Z Business case PIPELINE OPEN close 2025-06-20 100000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "StageAdvanced 2025-03-03T00:00:00Z Evaluation BEST_CASE OPEN close 2025-06-20 100000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                // pushed out of Q2 while in Q2: the slippage figure counts this deal in Q2
                "CloseDateChanged 2025-06-10T00:00:00Z Evaluation BEST_CASE OPEN close 2025-08-29 100000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "AmountChanged 2025-07-01T00:00:00Z Evaluation BEST_CASE OPEN close 2025-08-29 120000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                // no close date on the row: closing sets it to the business date of the close, as live
                "DealClosedWon 2025-08-25T00:00:00Z Closed won CLOSED WON close 2025-08-25 120000 USD rep-alice/team-east/na ENTERPRISE enterprise");
        assertThat(history("imp-D-2")).containsExactly(
                // no segment on the row: bob's from the owner mapping; mid-market deals follow the enterprise process
                "OpportunityOpened 2025-02-10T00:00:00Z Qualified PIPELINE OPEN close 2025-05-30 50000 EUR rep-bob/team-emea/emea MID_MARKET enterprise",
                "StageAdvanced 2025-03-15T00:00:00Z Business case PIPELINE OPEN close 2025-05-30 50000 EUR rep-bob/team-emea/emea MID_MARKET enterprise",
                "DealClosedLost 2025-04-20T00:00:00Z Closed lost OMITTED LOST close 2025-04-20 50000 EUR rep-bob/team-emea/emea MID_MARKET enterprise");
        assertThat(history("imp-D-3")).containsExactly(
                "OpportunityOpened 2025-03-01T00:00:00Z Qualified PIPELINE OPEN close 2025-04-30 8000 USD rep-alice/team-east/na SMB smb",
                // the smb process allows skipping: Qualified straight to Selected, at the row's time of day
                "StageAdvanced 2025-03-20T14:30:00Z Selected COMMIT OPEN close 2025-04-30 8000 USD rep-alice/team-east/na SMB smb",
                "DealDeferred 2025-04-28T00:00:00Z Closed deferred OMITTED DEFERRED close 2025-04-28 8000 USD rep-alice/team-east/na SMB smb");
        List<Object> lost = payloads("imp-D-2");
        assertThat(lost.get(2)).hasFieldOrPropertyWithValue("reason", "COMPETITION")
                .hasFieldOrPropertyWithValue("competitor", "Initech");

        // the deal's history says it was imported and shows the original dates
        JsonNode items = http.get("/api/opportunities/imp-D-2/history").json().get("items");
        assertThat(items).hasSize(3).allSatisfy(item -> assertThat(item.get("imported").asBoolean()).isTrue());
        assertThat(items.get(0).get("occurredAt").asString()).isEqualTo("2025-02-10T00:00:00Z");
        assertThat(items.get(2).get("occurredAt").asString()).isEqualTo("2025-04-20T00:00:00Z");
        assertThat(items.get(2).get("changes").toString()).contains("\"field\":\"competitor\",\"from\":null,\"to\":\"Initech\"");
    }

    @Test
    void aSalesforceExportWithHistoryBecomesTheSameKindOfEvents() {
        JsonNode report = importFiles("SALESFORCE", "", Map.of("opportunities", example("salesforce/Opportunity.csv"),
                "history", example("salesforce/OpportunityHistory.csv"), "stages", example("salesforce/stages.csv"),
                "owners", example("salesforce/owners.csv")));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");
        assertThat(report.get("problemCount").asLong()).as(report.toString()).isZero();

        assertThat(history("sf-0065g00000AbCdEAAV")).containsExactly(
                "OpportunityOpened 2025-01-06T09:00:00Z Qualified PIPELINE OPEN close 2025-06-20 100000.00 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "StageAdvanced 2025-02-03T11:00:00Z Business case PIPELINE OPEN close 2025-06-20 100000.00 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "CloseDateChanged 2025-06-10T16:45:00Z Business case PIPELINE OPEN close 2025-08-29 100000.00 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "StageAdvanced 2025-07-01T08:00:00Z Evaluation BEST_CASE OPEN close 2025-08-29 100000.00 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "AmountChanged 2025-07-01T08:00:00Z Evaluation BEST_CASE OPEN close 2025-08-29 120000.00 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "DealClosedWon 2025-08-25T17:00:00Z Closed won CLOSED WON close 2025-08-25 120000.00 USD rep-alice/team-east/na ENTERPRISE enterprise");
        assertThat(history("sf-0065g00000AbCdFAAV")).containsExactly(
                "OpportunityOpened 2025-02-10T10:15:00Z Qualified PIPELINE OPEN close 2025-09-30 50000.00 EUR rep-bob/team-smb/emea SMB smb",
                "StageAdvanced 2025-05-02T13:00:00Z Selected COMMIT OPEN close 2025-09-30 50000.00 EUR rep-bob/team-smb/emea SMB smb");
    }

    @Test
    void importingTheSameFilesAgainRecordsNothing() {
        Map<String, byte[]> files = Map.of("deals", example("deals.csv"), "owners", example("owners.csv"));
        importFiles("PIPELINE", "", files);
        long events = jdbc.queryForObject("select count(*) from domainevententry", Long.class);

        JsonNode again = importFiles("PIPELINE", "", files);

        assertThat(jdbc.queryForObject("select count(*) from domainevententry", Long.class)).isEqualTo(events);
        assertThat(again.get("status").asString()).isEqualTo("DONE");
        assertThat(again.get("dealsUnchanged").asLong()).isEqualTo(3);
        assertThat(again.get("eventsRecorded").asLong()).isZero();
    }

    private static final String OVERRIDE_DEALS = """
            Id,AccountId,OwnerId,Name,StageName,ForecastCategoryName,Amount,CloseDate,CreatedDate,LastModifiedDate
            006FC0000000001AAA,001A,005A,Upside deal,S3,Commit,50000,2025-06-30,2025-01-06T09:00:00Z,2025-03-10T09:00:00Z
            006FC0000000002AAA,001A,005A,Too hopeful,S1,Commit,20000,2025-06-30,2025-01-06T09:00:00Z,
            """;

    /** ForecastCategory as Salesforce's OpportunityHistory writes it (API names), the Opportunity row the labels. */
    private static final String OVERRIDE_HISTORY = """
            OpportunityId,CreatedDate,StageName,ForecastCategory,Amount,CloseDate
            006FC0000000001AAA,2025-01-06T09:00:00Z,S1,Pipeline,50000,2025-06-30
            006FC0000000001AAA,2025-01-20T09:00:00Z,S1,BestCase,50000,2025-06-30
            006FC0000000001AAA,2025-02-03T09:00:00Z,S2,Pipeline,50000,2025-06-30
            006FC0000000001AAA,2025-02-17T09:00:00Z,S3,BestCase,50000,2025-06-30
            """;

    @Test
    void aSalesforceForecastCategoryOtherThanTheStagesIsAnOverrideAtItsRowsDate() {
        JsonNode report = importFiles("SALESFORCE", "", Map.of("opportunities", utf8(OVERRIDE_DEALS), "history",
                utf8(OVERRIDE_HISTORY), "stages", utf8(GeneratedSalesforceExport.STAGES), "owners",
                utf8("crm_owner,rep_id,team_id,region_id,segment\n005A,rep-a,team-a,na,ENTERPRISE\n")));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");

        // worked out by hand: S1 = Qualified (PIPELINE) marked Best Case on 01-20 is an override; the moves to S2
        // (PIPELINE) and S3 (BEST_CASE) give the stage's own category, as the rows say, so nothing more; the deal's
        // row says Commit at its LastModifiedDate: an override one step above Evaluation's BEST_CASE
        String rest = " OPEN close 2025-06-30 50000 USD rep-a/team-a/na ENTERPRISE enterprise";
        assertThat(history("sf-006FC0000000001AAA")).containsExactly(
                "OpportunityOpened 2025-01-06T09:00:00Z Qualified PIPELINE" + rest,
                "ForecastCategoryOverridden 2025-01-20T09:00:00Z Qualified BEST_CASE" + rest,
                "StageAdvanced 2025-02-03T09:00:00Z Business case PIPELINE" + rest,
                "StageAdvanced 2025-02-17T09:00:00Z Evaluation BEST_CASE" + rest,
                "ForecastCategoryOverridden 2025-03-10T09:00:00Z Evaluation COMMIT" + rest);
        // so as of 2025-02-01 the deal counts in Best Case, as of 2025-02-10 in Pipeline, as of 2025-03-31 in Commit
        assertThat(payloads("sf-006FC0000000001AAA").get(1)).hasFieldOrPropertyWithValue("previousForecastCategory",
                "PIPELINE").hasFieldOrPropertyWithValue("reason", HistoryPlanner.OVERRIDE_REASON);
        // Commit over Qualified is two steps above its stage, which no live override may do: left out, reported
        assertThat(history("sf-006FC0000000002AAA")).containsExactly(
                "OpportunityOpened 2025-01-06T09:00:00Z Qualified PIPELINE OPEN close 2025-06-30 20000 USD rep-a/team-a/na ENTERPRISE enterprise");
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.get("severity").asString() + " " + p.get("file").asString()
                + " " + p.get("row").asLong() + " " + p.get("column").asString()));
        assertThat(problems).containsExactly("IGNORED opportunities.csv 3 ForecastCategoryName");
    }

    private static final String FIELD_HISTORY_DEAL = """
            Id,AccountId,Account.Name,OwnerId,Name,StageName,Amount,CurrencyIsoCode,CloseDate,CreatedDate
            006FH0000000001AAA,0015g00000XyZaDAAV,Initech,0055g00000Bob001AAA,Initech expansion,Id. Decision Makers,80000.00,USD,2025-09-30,2025-03-03T09:00:00.000+0000
            """;

    /** Salesforce writes an owner change twice (ids, then names) and tracks fields this system derives. */
    private static final String FIELD_HISTORY = """
            OpportunityId,Field,OldValue,NewValue,CreatedDate
            006FH0000000001AAA,created,,,2025-03-03T09:00:00.000+0000
            006FH0000000001AAA,StageName,Prospecting,Needs Analysis,2025-04-01T10:00:00.000+0000
            006FH0000000001AAA,Amount,60000,80000,2025-04-15T12:00:00.000+0000
            006FH0000000001AAA,Owner,0055g00000Alice1AAA,0055g00000Bob001AAA,2025-05-02T08:30:00.000+0000
            006FH0000000001AAA,Owner,Alice Smith,Bob Jones,2025-05-02T08:30:00.000+0000
            006FH0000000001AAA,ForecastCategoryName,Pipeline,Best Case,2025-05-20T10:00:00.000+0000
            006FH0000000001AAA,CloseDate,2025-06-30,2025-09-30,2025-06-20T16:00:00.000+0000
            006FH0000000001AAA,ForecastCategoryName,Best Case,Commit,2025-07-07T09:00:00.000+0000
            006FH0000000001AAA,StageName,Needs Analysis,Id. Decision Makers,2025-07-07T09:00:00.000+0000
            """;

    @Test
    void salesforceFieldHistoryIsReplayedAsTheDealsOwnHistoryIncludingAnOwnerChangeKnownOnlyFromIt() {
        JsonNode report = importFiles("SALESFORCE", "", Map.of("opportunities", utf8(FIELD_HISTORY_DEAL),
                "fieldHistory", utf8(FIELD_HISTORY), "stages", example("salesforce/stages.csv"),
                "owners", example("salesforce/owners.csv")));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");
        assertThat(report.get("problemCount").asLong()).as(report.toString()).isZero();
        assertThat(report.get("rowsRead").asLong()).isEqualTo(1 + 9);

        // worked out by hand: the opening holds each field's first OldValue (Prospecting, 60000, 2025-06-30, Alice),
        // the Opportunity row only says where the deal stands now; the owner's name row is the same change. Best
        // Case over Business case (PIPELINE) on 05-20 is the rep's override, one step above; on 07-07 the category
        // row joins the stage change of the same instant: Evaluation gives BEST_CASE, and Commit is an override over
        // it (applied before the move, Commit over PIPELINE would be two steps above and refused)
        assertThat(history("sf-006FH0000000001AAA")).containsExactly(
                "OpportunityOpened 2025-03-03T09:00:00Z Qualified PIPELINE OPEN close 2025-06-30 60000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "StageAdvanced 2025-04-01T10:00:00Z Business case PIPELINE OPEN close 2025-06-30 60000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "AmountChanged 2025-04-15T12:00:00Z Business case PIPELINE OPEN close 2025-06-30 80000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "OwnerReassigned 2025-05-02T08:30:00Z Business case PIPELINE OPEN close 2025-06-30 80000 USD rep-bob/team-smb/emea ENTERPRISE enterprise",
                "ForecastCategoryOverridden 2025-05-20T10:00:00Z Business case BEST_CASE OPEN close 2025-06-30 80000 USD rep-bob/team-smb/emea ENTERPRISE enterprise",
                "CloseDateChanged 2025-06-20T16:00:00Z Business case BEST_CASE OPEN close 2025-09-30 80000 USD rep-bob/team-smb/emea ENTERPRISE enterprise",
                "StageAdvanced 2025-07-07T09:00:00Z Evaluation BEST_CASE OPEN close 2025-09-30 80000 USD rep-bob/team-smb/emea ENTERPRISE enterprise",
                "ForecastCategoryOverridden 2025-07-07T09:00:00Z Evaluation COMMIT OPEN close 2025-09-30 80000 USD rep-bob/team-smb/emea ENTERPRISE enterprise");

        // the history endpoint shows the file's changes, in its order, at its times, marked imported
        JsonNode items = http.get("/api/opportunities/sf-006FH0000000001AAA/history").json().get("items");
        List<String> shown = new ArrayList<>();
        items.forEach(item -> {
            assertThat(item.get("imported").asBoolean()).isTrue();
            StringBuilder line = new StringBuilder(item.get("occurredAt").asString());
            item.get("changes").forEach(change -> {
                if (List.of("stage", "amount", "closeDate", "ownerId", "forecastCategory")
                        .contains(change.get("field").asString())
                        && !item.get("type").asString().equals("OpportunityOpened")) {
                    line.append(' ').append(change.get("field").asString()).append(' ')
                            .append(change.get("from").asString()).append(" -> ").append(change.get("to").asString());
                }
            });
            shown.add(line.toString());
        });
        assertThat(shown).containsExactly("2025-03-03T09:00:00Z",
                "2025-04-01T10:00:00Z stage Qualified -> Business case",
                "2025-04-15T12:00:00Z amount 60000.00 -> 80000.00",
                "2025-05-02T08:30:00Z ownerId rep-alice -> rep-bob",
                "2025-05-20T10:00:00Z forecastCategory PIPELINE -> BEST_CASE",
                "2025-06-20T16:00:00Z closeDate 2025-06-30 -> 2025-09-30",
                "2025-07-07T09:00:00Z stage Business case -> Evaluation",
                "2025-07-07T09:00:00Z forecastCategory BEST_CASE -> COMMIT");
    }

    @Test
    void hostileFieldHistoryValuesAreReportedByRowAndColumnWithoutStoppingTheImport() {
        String deals = FIELD_HISTORY_DEAL + """
                006FH0000000002AAA,0015g00000XyZaDAAV,Initech,0055g00000Bob001AAA,Hostile history,Prospecting,1000,USD,2025-09-30,2025-03-03T09:00:00.000+0000
                """;
        String hostile = FIELD_HISTORY + "006FH0000000002AAA,Amount,1000,12\u00003,2025-04-01T10:00:00Z\n"
                + "006FH0000000002AAA,Amount,1000,1e400,2025-04-02T10:00:00Z\n"
                + "006FH0000000002AAA,CloseDate,2025-09-30,2025-02-30,2025-04-03T10:00:00Z\n"
                + "006FH0000000002AAA,StageName,Prospecting,Needs\u0000Analysis,+99999-01-01T00:00:00Z\n"
                + "006FH0000000002AAA,ForecastCategoryName,Pipeline,Maybe,2025-04-04T10:00:00Z\n"
                + "006FH0000000003AAA,Amount,1,2,2025-04-03T10:00:00Z\n";
        JsonNode report = importFiles("SALESFORCE", "", Map.of("opportunities", utf8(deals),
                "fieldHistory", utf8(hostile), "stages", example("salesforce/stages.csv"),
                "owners", example("salesforce/owners.csv")));

        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.get("file").asString() + " " + p.get("row").asLong() + " "
                + p.get("column").asString() + ": " + p.get("problem").asString()));
        assertThat(problems).containsExactlyInAnyOrder(
                "fieldHistory.csv 11 NewValue: '12\u00003' is not an amount (1234.50, no thousands separators)",
                "fieldHistory.csv 12 NewValue: '1e400' has more than two decimals or fifteen digits",
                "fieldHistory.csv 13 NewValue: '2025-02-30' is not a date (2024-03-01)",
                "fieldHistory.csv 14 CreatedDate: '+99999-01-01T00:00:00Z' is not between the years 1900 and 2100",
                "fieldHistory.csv 14 NewValue: holds a control character (such as NUL or a line break)",
                "fieldHistory.csv 15 NewValue: 'Maybe' is not a forecast category (Pipeline, Best Case, Commit, Omitted,"
                        + " Closed)",
                "fieldHistory.csv 16 OpportunityId: no row of the Opportunity file has this Id");
        assertThat(report.get("dealsImported").asLong()).isEqualTo(1);
        assertThat(report.get("dealsRefused").asLong()).isEqualTo(1);
        assertThat(eventCount("sf-006FH0000000001AAA")).isEqualTo(8);
        assertThat(eventCount("sf-006FH0000000002AAA")).isZero();
    }

    private static final String MULTI_CURRENCY_DEALS = """
            Id,AccountId,Account.Name,OwnerId,Name,StageName,Amount,CurrencyIsoCode,CloseDate,CreatedDate
            006MC0000000001AAA,0015g00000XyZaEAAV,Umbrella,0055g00000Bob001AAA,Umbrella platform,Negotiation/Review,110000.00,EUR,2025-09-30,2025-02-10T10:15:00.000+0000
            006MC0000000002AAA,0015g00000XyZaFAAV,Hooli,0055g00000Alice1AAA,Hooli pilot,Prospecting,5000.00,GBP,2025-06-30,2025-03-01T09:00:00.000+0000
            """;

    private static final String MULTI_CURRENCY_HISTORY = """
            OpportunityId,CreatedDate,StageName,Amount,CloseDate
            006MC0000000001AAA,2025-02-10T10:15:00.000+0000,Qualification,100000.00,2025-09-30
            006MC0000000001AAA,2025-05-02T13:00:00.000+0000,Negotiation/Review,100000.00,2025-09-30
            006MC0000000001AAA,2025-08-01T09:00:00.000+0000,Negotiation/Review,110000.00,2025-09-30
            """;

    /** Salesforce's ConversionRate: units of IsoCode per unit of the corporate currency (USD here). */
    private static final String DATED_RATES = """
            IsoCode,ConversionRate,StartDate,NextStartDate
            USD,1,2025-01-01,
            EUR,0.800000,2025-01-01,2025-04-01
            EUR,0.925000,2025-04-01,2025-07-01
            EUR,0.850000,2025-07-01,
            GBP,0,2025-01-01,
            JPY,1e400,2025-01-01,
            """;

    @Test
    void amountsInOtherCurrenciesAreConvertedAtTheDatedRateOfEachChange() {
        JsonNode report = importFiles("SALESFORCE", "", Map.of("opportunities", utf8(MULTI_CURRENCY_DEALS),
                "history", utf8(MULTI_CURRENCY_HISTORY), "rates", utf8(DATED_RATES),
                "stages", example("salesforce/stages.csv"), "owners", example("salesforce/owners.csv")));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");

        // worked out by hand: 100000 EUR / 0.8 on 2025-02-10 = 125000.00 USD; the rate of 2025-04-01 moves no
        // recorded amount (the stage change of 2025-05-02 keeps it); 110000 EUR / 0.85 on 2025-08-01 = 129411.76
        assertThat(history("sf-006MC0000000001AAA")).containsExactly(
                "OpportunityOpened 2025-02-10T10:15:00Z Qualified PIPELINE OPEN close 2025-09-30 125000.00 USD rep-bob/team-smb/emea SMB smb",
                "StageAdvanced 2025-05-02T13:00:00Z Selected COMMIT OPEN close 2025-09-30 125000.00 USD rep-bob/team-smb/emea SMB smb",
                "AmountChanged 2025-08-01T09:00:00Z Selected COMMIT OPEN close 2025-09-30 129411.76 USD rep-bob/team-smb/emea SMB smb");

        // the hostile rate rows are reported and left out: the GBP deal has no rate, so it alone is refused
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.get("file").asString() + " " + p.get("row").asLong() + " "
                + p.get("column").asString() + ": " + p.get("problem").asString()));
        assertThat(problems).containsExactlyInAnyOrder(
                "rates.csv 6 ConversionRate: '0' is not above zero",
                "rates.csv 7 ConversionRate: '1e400' has more than ten decimals or fifteen digits",
                "opportunities.csv 3 CurrencyIsoCode: no DatedConversionRate for GBP on 2025-03-01: the deal's amounts"
                        + " are converted at the rate of each change's date");
        assertThat(report.get("dealsImported").asLong()).isEqualTo(1);
        assertThat(report.get("dealsRefused").asLong()).isEqualTo(1);
        assertThat(eventCount("sf-006MC0000000002AAA")).isZero();
    }

    private static final String CUSTOM_FIELD_DEALS = """
            Id,AccountId,Account.Name,OwnerId,Name,StageName,Amount,CloseDate,CreatedDate,Loss_Reason__c,Competitor__c
            006CF0000000001AAA,0015g00000XyZaGAAV,Stark,0055g00000Alice1AAA,Stark rollout,Closed Lost,9000,2025-05-15,2025-01-15T09:00:00Z,Lost to Competitor, Wayne Corp
            006CF0000000002AAA,0015g00000XyZaGAAV,Stark,0055g00000Alice1AAA,Stark pilot,Closed Lost,1000,2025-05-20,2025-01-20T09:00:00Z,no budget,
            006CF0000000003AAA,0015g00000XyZaGAAV,Stark,0055g00000Alice1AAA,Stark renewal,Closed Lost,2000,2025-05-25,2025-01-25T09:00:00Z,Timing,
            006CF0000000004AAA,0015g00000XyZaGAAV,Stark,0055g00000Alice1AAA,Stark hostile,Closed Lost,3000,2025-05-26,2025-01-26T09:00:00Z,"No\u0000Budget",
            """;

    private static final String CUSTOM_FIELDS = """
            crm_field,field,crm_value,value
            Loss_Reason__c,lost_reason,Lost to Competitor,COMPETITION
            Loss_Reason__c,lost_reason,No Budget,NO_DECISION
            Competitor__c,competitor,,
            """;

    @Test
    void theOrgsOwnFieldsGiveTheLostReasonAndCompetitor() {
        JsonNode report = importFiles("SALESFORCE", "", Map.of("opportunities", utf8(CUSTOM_FIELD_DEALS),
                "fields", utf8(CUSTOM_FIELDS), "stages", example("salesforce/stages.csv"),
                "owners", example("salesforce/owners.csv")));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");

        // the stage mapping says UNKNOWN for Closed Lost; the org's field says why, matched ignoring case
        assertThat(payloads("sf-006CF0000000001AAA").get(1)).hasFieldOrPropertyWithValue("reason", "COMPETITION")
                .hasFieldOrPropertyWithValue("competitor", "Wayne Corp");
        assertThat(payloads("sf-006CF0000000002AAA").get(1)).hasFieldOrPropertyWithValue("reason", "NO_DECISION")
                .hasFieldOrPropertyWithValue("competitor", null);
        assertThat(payloads("sf-006CF0000000003AAA").get(1)).hasFieldOrPropertyWithValue("reason", "UNKNOWN");
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.get("severity").asString() + " " + p.get("row").asLong()
                + " " + p.get("column").asString() + ": " + p.get("problem").asString()));
        assertThat(problems).containsExactlyInAnyOrder(
                "NOTICE 4 Loss_Reason__c: 'Timing' is not in the fields mapping: the deal, if lost, is lost for reason UNKNOWN",
                "ERROR 5 Loss_Reason__c: holds a control character (such as NUL or a line break)");
        assertThat(report.get("dealsImported").asLong()).isEqualTo(3);
        assertThat(eventCount("sf-006CF0000000004AAA")).isZero();
    }

    @Test
    void aFieldsMappingThatCannotBeReadRejectsTheImport() {
        JsonNode report = importFiles("SALESFORCE", "", Map.of("opportunities",
                utf8(CUSTOM_FIELD_DEALS.replace("006CF", "006CR")), "fields", utf8("crm_field,field,crm_value,value\nLoss_Reason__c,lost_reason,No Budget,BROKE\n"
                        + "Stage__c,stage,,\n"), "stages", example("salesforce/stages.csv"),
                "owners", example("salesforce/owners.csv")));

        assertThat(report.get("status").asString()).isEqualTo("REJECTED");
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.get("row").asLong() + " " + p.get("column").asString()));
        assertThat(problems).containsExactly("2 value", "3 field");
        assertThat(eventCount("sf-006CR0000000001AAA")).isZero();
    }

    private static final String HUBSPOT_STAGES = """
            crm_stage,process,stage,reason
            appointmentscheduled,enterprise,Qualified,
            qualifiedtobuy,enterprise,Business case,
            presentationscheduled,enterprise,Evaluation,
            closedwon,,WON,
            closedlost,,LOST,NO_DECISION
            """;

    private static final String HUBSPOT_DEALS = """
            hs_object_id,dealname,amount,closedate,dealstage,pipeline,hubspot_owner_id,createdate,associatedcompanyid,hs_date_entered_appointmentscheduled,hs_date_entered_qualifiedtobuy,hs_date_entered_presentationscheduled,hs_date_entered_closedwon,hs_date_exited_appointmentscheduled
            9001,Wonka supply,25000,2025-04-28,closedwon,default,101,2025-01-10T09:00:00Z,5001,2025-01-10T09:00:00Z,2025-02-01T10:00:00Z,2025-03-01T10:00:00Z,2025-04-28T15:00:00Z,2025-02-01T10:00:00Z
            9002,Unowned deal,,,appointmentscheduled,default,,2025-03-05 08:00,,2025-03-05 08:00,,,,
            9003,Hostile deal,1e400,2025-02-30,appointmentscheduled,default,101,2025-03-05T08:00:00Z,5001,,,,,
            """;

    @Test
    void aHubSpotDealsExportGoesInWithItsStageEntryDatesAsHistory() {
        JsonNode report = importFiles("HUBSPOT", "", Map.of("deals", utf8(HUBSPOT_DEALS), "stages",
                utf8(HUBSPOT_STAGES), "owners", utf8("crm_owner,rep_id,team_id,region_id,segment\n"
                        + "101,rep-alice,team-east,na,ENTERPRISE\n")));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");

        // worked out by hand: each hs_date_entered_<stage> is a stage change at that time; the exit dates add nothing
        assertThat(history("hs-9001")).containsExactly(
                "OpportunityOpened 2025-01-10T09:00:00Z Qualified PIPELINE OPEN close 2025-04-28 25000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "StageAdvanced 2025-02-01T10:00:00Z Business case PIPELINE OPEN close 2025-04-28 25000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "StageAdvanced 2025-03-01T10:00:00Z Evaluation BEST_CASE OPEN close 2025-04-28 25000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "DealClosedWon 2025-04-28T15:00:00Z Closed won CLOSED WON close 2025-04-28 25000 USD rep-alice/team-east/na ENTERPRISE enterprise");
        // HubSpot allows a deal without owner, company, amount or close date: placeholders, each with a notice
        assertThat(history("hs-9002")).containsExactly(
                "OpportunityOpened 2025-03-05T08:00:00Z Qualified PIPELINE OPEN close 2025-03-05 0 USD unmapped-no-owner/unmapped/unmapped ENTERPRISE enterprise");
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.get("severity").asString() + " " + p.get("row").asLong()
                + " " + p.get("column").asString()));
        assertThat(problems).containsExactlyInAnyOrder("NOTICE 3 associatedcompanyid", "NOTICE 3 closedate",
                "NOTICE 3 hubspot_owner_id", "ERROR 4 amount", "ERROR 4 closedate");
        assertThat(report.get("dealsImported").asLong()).isEqualTo(2);
        assertThat(eventCount("hs-9003")).isZero();
    }

    /** Two pipelines whose stage ids overlap: {@code closedlost} is a loss in the default one, a deferral in renewals. */
    private static final String HUBSPOT_PIPELINE_STAGES = """
            crm_stage,pipeline,process,stage,reason
            appointmentscheduled,,enterprise,Qualified,
            qualifiedtobuy,,enterprise,Business case,
            closedwon,,,WON,
            closedlost,,,LOST,NO_DECISION
            appointmentscheduled,renewals,smb,Qualified,
            contractsent,renewals,smb,Selected,
            closedlost,renewals,,DEFERRED,
            """;

    /** 9101's dates are all epoch milliseconds, 9102's a mix of milliseconds and ISO; 9104's close date is year 5138. */
    private static final String HUBSPOT_EPOCH_DEALS = """
            hs_object_id,dealname,amount,closedate,dealstage,pipeline,hubspot_owner_id,createdate,associatedcompanyid,hs_date_entered_appointmentscheduled,hs_date_entered_qualifiedtobuy,hs_date_entered_contractsent,hs_date_entered_closedwon,hs_date_entered_closedlost
            9101,Epoch deal,25000,1745798400000,closedwon,default,101,1736499600000,5001,1736499600000,1738404000000,,1745852400000,
            9102,Renewal deal,12000,2025-05-06,closedlost,renewals,102,2025-03-03T08:00:00Z,5001,1740988800000,,2025-03-20T12:00:00Z,,1746523800000
            9103,Unmapped stage,5000,2025-06-30,negotiation,renewals,101,1741075200000,5001,,,,,
            9104,Far future,5000,99999999999999,appointmentscheduled,default,101,1741075200000,5001,,,,,
            """;

    @Test
    void hubSpotDatesInEpochMillisecondsAndStagesPerPipelineAreRead() {
        JsonNode report = importFiles("HUBSPOT", "", Map.of("deals", utf8(HUBSPOT_EPOCH_DEALS), "stages",
                utf8(HUBSPOT_PIPELINE_STAGES), "owners", utf8("crm_owner,rep_id,team_id,region_id,segment\n"
                        + "101,rep-alice,team-east,na,ENTERPRISE\n102,rep-bob,team-west,na,SMB\n")));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");

        // worked out by hand: 1736499600000 ms = 2025-01-10T09:00:00Z, 1738404000000 = 2025-02-01T10:00:00Z,
        // 1745852400000 = 2025-04-28T15:00:00Z, close date 1745798400000 = 2025-04-28T00:00:00Z (a UTC business zone)
        assertThat(history("hs-9101")).containsExactly(
                "OpportunityOpened 2025-01-10T09:00:00Z Qualified PIPELINE OPEN close 2025-04-28 25000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "StageAdvanced 2025-02-01T10:00:00Z Business case PIPELINE OPEN close 2025-04-28 25000 USD rep-alice/team-east/na ENTERPRISE enterprise",
                "DealClosedWon 2025-04-28T15:00:00Z Closed won CLOSED WON close 2025-04-28 25000 USD rep-alice/team-east/na ENTERPRISE enterprise");
        // the renewals pipeline's rows win over the rows without a pipeline: smb's stages, and closedlost defers;
        // 1740988800000 = 2025-03-03T08:00:00Z, 1746523800000 = 2025-05-06T09:30:00Z
        assertThat(history("hs-9102")).containsExactly(
                "OpportunityOpened 2025-03-03T08:00:00Z Qualified PIPELINE OPEN close 2025-05-06 12000 USD rep-bob/team-west/na SMB smb",
                "StageAdvanced 2025-03-20T12:00:00Z Selected COMMIT OPEN close 2025-05-06 12000 USD rep-bob/team-west/na SMB smb",
                "DealDeferred 2025-05-06T09:30:00Z Closed deferred OMITTED DEFERRED close 2025-05-06 12000 USD rep-bob/team-west/na SMB smb");
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.get("severity").asString() + " " + p.get("row").asLong()
                + " " + p.get("column").asString() + ": " + p.get("problem").asString()));
        assertThat(problems).containsExactlyInAnyOrder(
                "ERROR 4 dealstage: stage 'negotiation' of pipeline 'renewals' is not in the stage mapping",
                "ERROR 5 closedate: '99999999999999' is not between the years 1900 and 2100");
        assertThat(report.get("dealsImported").asLong()).isEqualTo(2);
        assertThat(eventCount("hs-9103") + eventCount("hs-9104")).isZero();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final String BAD_ROWS = """
            deal_id,date,account,name,owner,stage,amount,close_date
            B-1,2025-01-10,Good Co,Good deal,alice,Qualified,1000,2025-03-31
            B-2,2025-13-01,Bad Co,Bad date,alice,Qualified,1000,2025-03-31
            B-3,2025-01-10,Bad Co,Bad amount,alice,Qualified,12.345,2025-03-31
            B-4,2025-01-10,Bad Co,Not a stage,alice,Negotiating,1000,2025-03-31
            B-5,2025-01-10,Bad Co,Unknown owner,carol,Qualified,1000,2025-03-31
            B-6,2025-01-10,Good Co,Second good deal,bob,Qualified,2000,2025-04-30
            B-7,2025-01-10,Bad Co,Skips a stage,alice,Qualified,1000,2025-03-31
            B-7,2025-02-01,,,,Shortlisted,,
            """;

    @Test
    void badRowsAreReportedByRowColumnAndProblemWhileTheGoodDealsGoIn() {
        JsonNode report = importFiles("PIPELINE", "", Map.of("deals", BAD_ROWS.getBytes(StandardCharsets.UTF_8),
                "owners", example("owners.csv")));

        assertThat(report.get("status").asString()).isEqualTo("DONE");
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.get("row").asLong() + " " + p.get("column").asString()
                + ": " + p.get("problem").asString()));
        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).isEqualTo("3 date: '2025-13-01' is not a date (2024-03-01) or a date and time (2024-03-01T09:30:00Z)");
        assertThat(problems.get(1)).isEqualTo("4 amount: '12.345' has more than two decimals or fifteen digits");
        assertThat(problems.get(2)).startsWith("5 stage: 'Negotiating' is not a stage of process enterprise v1");
        // an owner missing from the mapping is no longer a reason to refuse the deal: a notice, and it goes in
        assertThat(problems.get(3)).startsWith("6 owner: owner 'carol' is not in the owner mapping")
                .endsWith("imported under rep 'unmapped-carol', team and region 'unmapped'");
        assertThat(report.get("problems").get(3).get("severity").asString()).isEqualTo("NOTICE");
        assertThat(problems.get(4)).startsWith("9 stage: cannot move from 'Qualified' to 'Shortlisted'");
        assertThat(report.get("dealsImported").asLong()).isEqualTo(3);
        assertThat(report.get("dealsRefused").asLong()).isEqualTo(4);
        assertThat(eventCount("imp-B-1")).isEqualTo(1);
        assertThat(eventCount("imp-B-5")).isEqualTo(1);
        assertThat(eventCount("imp-B-6")).isEqualTo(1);
        assertThat(List.of("imp-B-2", "imp-B-3", "imp-B-4", "imp-B-7")).allMatch(id -> eventCount(id) == 0);
    }

    @Test
    void allOrNothingImportsNothingWhenAnyRowIsBad() {
        long events = jdbc.queryForObject("select count(*) from domainevententry", Long.class);

        JsonNode report = importFiles("PIPELINE", "&allOrNothing=true", Map.of("deals",
                BAD_ROWS.replace("B-", "AON-").getBytes(StandardCharsets.UTF_8), "owners", example("owners.csv")));

        assertThat(report.get("status").asString()).isEqualTo("REJECTED");
        assertThat(report.get("problemCount").asLong()).isEqualTo(5);
        assertThat(eventCount("imp-AON-1")).isZero();
        assertThat(eventCount("imp-AON-6")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from domainevententry", Long.class)).isEqualTo(events);
    }

    @Test
    void hostileTextFromTheApexRecipesSampleIsStoredAndShownAsGiven() {
        Map<String, String> names = new LinkedHashMap<>();
        byte[] export = apexRecipesAsSalesforceExport(names);
        JsonNode report = importFiles("SALESFORCE", "", Map.of("opportunities", export,
                "stages", APEX_STAGES.getBytes(StandardCharsets.UTF_8), "owners",
                "crm_owner,rep_id,team_id,region_id\n005A,rep-apex,team-apex,na\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("DONE");
        assertThat(report.get("problemCount").asLong()).as(report.toString()).isZero();
        assertThat(report.get("dealsImported").asLong()).isEqualTo(50);

        names.forEach((id, name) -> assertThat(((OpportunityOpened) payloads(id).get(0)).name()).isEqualTo(name));
        eventually().untilAsserted(() -> names.forEach((id, name) -> {
            HttpJson.Response shown = http.get("/api/opportunities/" + id);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.json().get("name").asString()).isEqualTo(name);
        }));
    }

    @Test
    void theMavenCrmSampleGoesInWithItsQuirksReported() throws IOException {
        CsvFile deals;
        CsvFile owners;
        try (var pipeline = resource("maven-crm-sales_pipeline-excerpt.csv");
             var products = resource("maven-crm-products.csv"); var teams = resource("maven-crm-sales_teams.csv")) {
            deals = MavenCrmExport.deals(pipeline, products);
            owners = MavenCrmExport.owners(teams);
        }
        JsonNode report = importFiles("PIPELINE", "", Map.of("deals", deals.content(), "owners", owners.content(),
                "stages", MavenCrmExport.STAGES.getBytes(StandardCharsets.UTF_8)));

        // 63 deals: 44 won and 11 lost (two rows each), 5 engaging (4 without account), 3 prospecting (no date)
        assertThat(report.get("rowsRead").asLong()).isEqualTo(118);
        // the 4 engaging deals without an account go in under imp-no-account, each with a notice; 3 refused (no date)
        assertThat(report.get("dealsImported").asLong()).isEqualTo(60);
        assertThat(report.get("dealsRefused").asLong()).isEqualTo(3);
        assertThat(report.get("eventsRecorded").asLong()).isEqualTo(60 + 43 + 44 + 11); // opened, won above list price, won, lost
        List<String> accountNotices = new ArrayList<>();
        report.get("problems").forEach(p -> {
            if (p.get("severity").asString().equals("NOTICE") && p.get("column").asString().equals("account")) {
                accountNotices.add(p.get("problem").asString());
            }
        });
        assertThat(accountNotices).hasSize(4).allMatch(n -> n.endsWith("imported under the account 'imp-no-account'"));
        assertThat(history("imp-1C1I7A6R")).containsExactly(
                "OpportunityOpened 2016-10-20T00:00:00Z Evaluation BEST_CASE OPEN close 2017-03-01 1096 USD moses-frase/dustin-brinkmann/central SMB smb",
                "AmountChanged 2017-03-01T00:00:00Z Evaluation BEST_CASE OPEN close 2017-03-01 1054 USD moses-frase/dustin-brinkmann/central SMB smb",
                "DealClosedWon 2017-03-01T00:00:00Z Closed won CLOSED WON close 2017-03-01 1054 USD moses-frase/dustin-brinkmann/central SMB smb");
    }

    private static final String APEX_STAGES = """
            crm_stage,process,stage,reason
            Assigned dynamically,enterprise,Qualified,
            Qualification,enterprise,Qualified,
            Needs Analysis,enterprise,Business case,
            Value Proposition,enterprise,Business case,
            Id. Decision Makers,enterprise,Evaluation,
            Perception Analysis,enterprise,Evaluation,
            Proposal/Price Quote,enterprise,Shortlisted,
            Negotiation/Review,enterprise,Selected,
            Closed/Won,,WON,
            Closed Lost,,LOST,
            """;

    /**
     * The apex-recipes seed has no Id, owner or creation date; they are added, and each deal is named with its
     * hostile description (unicode, SQL, script, zalgo) to carry it into a stored field.
     */
    private static byte[] apexRecipesAsSalesforceExport(Map<String, String> namesById) {
        StringWriter out = new StringWriter();
        try (var in = resource("apex-recipes-Opportunities.csv");
             var records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
             var printer = CSVFormat.DEFAULT.builder().setHeader("Id", "AccountId", "Account.Name", "OwnerId", "Name",
                     "StageName", "Amount", "CloseDate", "CreatedDate").get().print(out)) {
            int n = 0;
            for (CSVRecord record : records) {
                String id = "006APEX" + (++n);
                String name = record.get("name") + " | " + record.get("description");
                LocalDate closed = OffsetDateTime.parse(record.get("closedate")).toLocalDate();
                printer.printRecord(id, record.get("accountId"), "Account " + record.get("description"), "005A", name,
                        record.get("StageName"), record.get("amount"), record.get("closedate"),
                        closed.minusDays(120) + "T09:00:00Z");
                namesById.put("sf-" + id, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode importFiles(String format, String options, Map<String, byte[]> files) {
        MultipartBody body = new MultipartBody();
        files.forEach((part, content) -> body.file(part, part + ".csv", content));
        HttpJson.Response started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/imports?format=" + format + options))
                .header("Content-Type", body.contentType()).POST(body.publisher()));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        JsonNode[] report = new JsonNode[1];
        eventually().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            report[0] = http.get(location).json();
            return ImportStatus.valueOf(report[0].get("status").asString()).finished();
        });
        return report[0];
    }

    private static byte[] example(String name) {
        try (var in = CrmImportHttpTest.class.getResourceAsStream(EXAMPLES + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no example " + name, e);
        }
    }

    private static InputStreamReader resource(String name) {
        return new InputStreamReader(CrmImportHttpTest.class.getResourceAsStream("/importing/" + name),
                StandardCharsets.UTF_8);
    }

    private List<Object> payloads(String opportunityId) {
        return eventStore.readEvents(opportunityId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    private long eventCount(String opportunityId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class,
                opportunityId);
    }

    /** Each event as its type, business time and the deal after it, in one line to compare with the hand-worked one. */
    private List<String> history(String opportunityId) {
        return payloads(opportunityId).stream().map(event -> {
            Deal deal = event instanceof OpportunityOpened opened ? Deal.opened(opened) : ((DealChanged) event).deal();
            String occurredAt = event instanceof OpportunityOpened opened ? opened.occurredAt().toString()
                    : ((DealChanged) event).occurredAt().toString();
            return event.getClass().getSimpleName() + " " + occurredAt + " " + deal.stage() + " "
                    + deal.forecastCategory() + " " + deal.status() + " close " + deal.closeDate() + " "
                    + deal.amount().toPlainString() + " " + deal.currency() + " " + deal.ownerId() + "/"
                    + deal.teamId() + "/" + deal.regionId() + " " + deal.segment() + " " + deal.processId();
        }).toList();
    }
}
