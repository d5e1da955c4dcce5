package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.LossReason;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which of the org's own fields hold our outcomes (part {@code fields}: {@code crm_field,field,crm_value,value}):
 * {@code field} is {@code lost_reason}, whose CRM values map to COMPETITION, NO_DECISION or UNKNOWN (a row with a
 * blank {@code crm_value} maps every other value), or {@code competitor}, taken as written unless a row renames
 * a value. For example {@code Loss_Reason__c,lost_reason,Lost to Competitor,COMPETITION} and
 * {@code Competitor__c,competitor,,}.
 */
final class FieldMapping {

    private static final String OTHER = "";

    /** Our outcome and how the CRM's values of it read (lower-cased CRM value, or {@link #OTHER}). */
    private record Target(String crmField, Map<String, String> values) {
    }

    private final Target lostReason;
    private final Target competitor;

    private FieldMapping(Target lostReason, Target competitor) {
        this.lostReason = lostReason;
        this.competitor = competitor;
    }

    static FieldMapping none() {
        return new FieldMapping(null, null);
    }

    record Result(FieldMapping mapping, List<ImportProblem> problems) {
    }

    /** The lost reason and competitor one deal's row gives, with a problem for each cell that cannot be read. */
    record Outcome(LossReason lostReason, String competitor) {
    }

    static Result parse(CsvFile file) {
        CsvFile.Parsed parsed = file.read(Set.of("crmfield", "field"));
        List<ImportProblem> problems = new ArrayList<>(parsed.problems());
        Map<String, Target> targets = new LinkedHashMap<>();
        for (CsvRow row : parsed.rows()) {
            RowReading cells = new RowReading(row, ZoneOffset.UTC);
            String crmField = cells.id(true, "crm_field");
            String field = cells.id(true, "field");
            String crmValue = cells.text(false, SalesforceReader.MAX_NAME, "crm_value");
            String value = cells.text(false, SalesforceReader.MAX_NAME, "value");
            if (field != null && !Set.of("lost_reason", "competitor").contains(field)) {
                cells.problems().add(row.error("field", "'" + field + "' is not lost_reason or competitor"));
            }
            if ("lost_reason".equals(field)) {
                if (value == null) {
                    cells.problems().add(row.error("value", "required: COMPETITION, NO_DECISION or UNKNOWN"));
                } else {
                    value = cells.choice(LossReason.class, "value") == null ? null : value;
                }
            }
            problems.addAll(cells.problems());
            if (!cells.problems().isEmpty()) {
                continue;
            }
            Target target = targets.computeIfAbsent(field, f -> new Target(crmField, new LinkedHashMap<>()));
            if (!target.crmField().equals(crmField)) {
                problems.add(row.error("crm_field", field + " is already mapped from " + target.crmField()));
                continue;
            }
            String key = crmValue == null ? OTHER : crmValue.strip().toLowerCase(Locale.ROOT);
            if (value != null || crmValue != null) {
                target.values().put(key, value == null ? crmValue : value);
            }
        }
        return new Result(new FieldMapping(targets.get("lost_reason"), targets.get("competitor")), problems);
    }

    /** Reads the mapped fields of an Opportunity row; an unmapped lost reason is UNKNOWN with a notice. */
    Outcome outcome(RowReading cells) {
        LossReason reason = null;
        String competitorName = null;
        if (lostReason != null) {
            String crmValue = cells.text(false, SalesforceReader.MAX_NAME, lostReason.crmField());
            if (crmValue != null) {
                String mapped = lostReason.values().getOrDefault(crmValue.strip().toLowerCase(Locale.ROOT),
                        lostReason.values().get(OTHER));
                if (mapped == null) {
                    cells.problems().add(cells.row().notice(lostReason.crmField(), "'" + crmValue
                            + "' is not in the fields mapping: the deal, if lost, is lost for reason UNKNOWN"));
                }
                reason = mapped == null ? LossReason.UNKNOWN : Cells.choice(LossReason.class, mapped);
            }
        }
        if (competitor != null) {
            String crmValue = cells.text(false, SalesforceReader.MAX_NAME, competitor.crmField());
            if (crmValue != null) {
                competitorName = competitor.values().getOrDefault(crmValue.strip().toLowerCase(Locale.ROOT),
                        crmValue.strip());
            }
        }
        return new Outcome(reason, competitorName);
    }
}
