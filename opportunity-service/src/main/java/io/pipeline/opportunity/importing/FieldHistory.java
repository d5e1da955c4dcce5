package io.pipeline.opportunity.importing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One deal's rows of Salesforce's {@code OpportunityFieldHistory} export (OpportunityId, Field, OldValue,
 * NewValue, CreatedDate): each tracked change of the stage, amount, close date, owner or forecast category becomes an
 * observation holding only that field's new value, at the change's time. The first change of each field also says
 * what the deal held before it (its OldValue), which is how the opening knows an owner that only field history
 * names. A forecast category that differs from the stage's is the rep's override then; Salesforce also writes a
 * category row when a stage change moved the category, at the same instant, so such a row joins that change (the
 * stage moves first, and the category is compared with the new stage's). Other tracked fields are not read.
 *
 * @param before  the values before the first change of each field (null where no change says)
 * @param changes one observation per change, oldest first (stable)
 */
record FieldHistory(Observation before, List<Observation> changes, List<ImportProblem> problems) {

    /**
     * For a lookup field Salesforce writes two rows per change, one with the user ids and one with the names; the
     * ids are what the Opportunity file's OwnerId and so the owner mapping use.
     */
    private static final Pattern SALESFORCE_USER_ID = Pattern.compile("005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");

    private enum Field { STAGE, AMOUNT, CLOSE_DATE, OWNER, FORECAST_CATEGORY }

    private record Change(Field field, CsvRow row, Instant at, Object oldValue, Object newValue) {
    }

    static FieldHistory read(List<CsvRow> rows, java.time.ZoneId zone) {
        List<ImportProblem> problems = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (CsvRow row : rows) {
            Field field = field(row.get("field"));
            if (field == null) {
                continue;
            }
            RowReading cells = new RowReading(row, zone);
            Instant at = cells.instant(true, "CreatedDate");
            Object oldValue = value(field, cells, "OldValue");
            Object newValue = value(field, cells, "NewValue");
            problems.addAll(cells.problems());
            if (cells.problems().stream().noneMatch(ImportProblem::isError)) {
                changes.add(new Change(field, row, at, oldValue, newValue));
            }
        }
        changes.sort(Comparator.comparing(Change::at));
        changes = withoutOwnerNameRows(changes);

        Observation before = new Observation(null, null, null, null, null, null, null, null, null, null, null);
        List<Observation> observations = new ArrayList<>();
        for (Change change : changes) {
            before = with(before, change.field(), change.oldValue(), true);
            Observation blank = new Observation(change.row(), change.at(), null, null, null, null, null, null, null,
                    null, null);
            observations.add(with(blank, change.field(), change.newValue(), false));
        }
        return new FieldHistory(before, withCategoriesJoined(observations), problems);
    }

    /** Salesforce's field names as the export writes them; other tracked fields are not read. */
    private static Field field(String name) {
        if (name == null) {
            return null;
        }
        return switch (CsvFile.normalise(name)) {
            case "stagename", "stage" -> Field.STAGE;
            case "amount" -> Field.AMOUNT;
            case "closedate" -> Field.CLOSE_DATE;
            case "owner", "ownerid" -> Field.OWNER;
            case "forecastcategoryname", "forecastcategory" -> Field.FORECAST_CATEGORY;
            default -> null;
        };
    }

    /** A blank amount is 0 (Salesforce allows clearing it; here every deal has one); a blank stage or date is unknown. */
    private static Object value(Field field, RowReading cells, String column) {
        return switch (field) {
            case STAGE -> cells.text(false, SalesforceReader.MAX_NAME, column);
            case AMOUNT -> Objects.requireNonNullElse(cells.amount(false, column), BigDecimal.ZERO);
            case CLOSE_DATE -> cells.date(false, column);
            case OWNER -> cells.id(false, column);
            case FORECAST_CATEGORY -> cells.forecastCategory(column);
        };
    }

    /** Of two owner rows of one change (same instant), the one with user ids stays. */
    private static List<Change> withoutOwnerNameRows(List<Change> changes) {
        List<Change> kept = new ArrayList<>();
        for (Change change : changes) {
            Change twin = change.field() == Field.OWNER ? kept.stream().filter(k -> k.field() == Field.OWNER
                    && k.at().equals(change.at())).findFirst().orElse(null) : null;
            if (twin == null) {
                kept.add(change);
            } else if (isUserId(change.newValue()) && !isUserId(twin.newValue())) {
                kept.set(kept.indexOf(twin), change);
            }
        }
        return kept;
    }

    private static boolean isUserId(Object value) {
        return value instanceof String id && SALESFORCE_USER_ID.matcher(id).matches();
    }

    /** The observation with the field set; {@code onlyIfUnset} keeps the earliest OldValue of each field. */
    private static Observation with(Observation o, Field field, Object value, boolean onlyIfUnset) {
        if (value == null) {
            return o;
        }
        // each case keeps the other fields, the forecast category too
        return switch (field) {
            case STAGE -> onlyIfUnset && o.stage() != null ? o : new Observation(o.source(), o.at(), (String) value,
                    o.amount(), o.currency(), o.closeDate(), o.owner(), null, null, null, null, o.forecastCategory());
            case AMOUNT -> onlyIfUnset && o.amount() != null ? o : new Observation(o.source(), o.at(), o.stage(),
                    (BigDecimal) value, o.currency(), o.closeDate(), o.owner(), null, null, null, null,
                    o.forecastCategory());
            case CLOSE_DATE -> onlyIfUnset && o.closeDate() != null ? o : new Observation(o.source(), o.at(),
                    o.stage(), o.amount(), o.currency(), (java.time.LocalDate) value, o.owner(), null, null, null, null,
                    o.forecastCategory());
            case OWNER -> onlyIfUnset && o.owner() != null ? o : new Observation(o.source(), o.at(), o.stage(),
                    o.amount(), o.currency(), o.closeDate(), (String) value, null, null, null, null,
                    o.forecastCategory());
            case FORECAST_CATEGORY -> onlyIfUnset && o.forecastCategory() != null ? o
                    : o.withForecastCategory((String) value);
        };
    }

    /** A category change at the instant of another field's change is part of that change (see the type's comment). */
    private static List<Observation> withCategoriesJoined(List<Observation> observations) {
        List<Observation> joined = new ArrayList<>();
        for (Observation o : observations) {
            int partner = -1;
            for (int i = 0; i < joined.size(); i++) {
                if (joined.get(i).at().equals(o.at()) && categoryOnly(joined.get(i)) != categoryOnly(o)) {
                    partner = i;
                }
            }
            if (partner < 0) {
                joined.add(o);
            } else {
                Observation other = joined.get(partner);
                Observation change = categoryOnly(o) ? other : o;
                joined.set(partner, change.withForecastCategory((categoryOnly(o) ? o : other).forecastCategory()));
            }
        }
        return joined;
    }

    private static boolean categoryOnly(Observation o) {
        return o.forecastCategory() != null && o.stage() == null && o.amount() == null && o.closeDate() == null
                && o.owner() == null;
    }
}
