package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CRM owner (a user id or a name, as the export writes it) to rep, team and region here, supplied as CSV:
 * {@code crm_owner,rep_id,team_id,region_id,segment}; {@code segment} (ENTERPRISE, MID_MARKET, SMB) is optional and
 * gives the segment of the owner's deals when the deal row does not say.
 */
public final class OwnerMapping {

    private static final int MAX_ID = 64;

    private final Map<String, Owner> owners;

    private OwnerMapping(Map<String, Owner> owners) {
        this.owners = owners;
    }

    public static OwnerMapping none() {
        return new OwnerMapping(Map.of());
    }

    public record Owner(String repId, String teamId, String regionId, Segment segment) {
    }

    public static Result parse(CsvFile file) {
        CsvFile.Parsed parsed = file.read(Set.of("crmowner", "repid", "teamid", "regionid"));
        List<ImportProblem> problems = new ArrayList<>(parsed.problems());
        Map<String, Owner> owners = new HashMap<>();
        for (CsvRow row : parsed.rows()) {
            List<ImportProblem> rowProblems = new ArrayList<>();
            String crmOwner = required(row, "crm_owner", rowProblems);
            String rep = required(row, "rep_id", rowProblems);
            String team = required(row, "team_id", rowProblems);
            String region = required(row, "region_id", rowProblems);
            Segment segment = null;
            try {
                segment = row.get("segment") == null ? null : Cells.choice(Segment.class, row.get("segment"));
            } catch (Cells.BadCell bad) {
                rowProblems.add(row.error("segment", bad.getMessage()));
            }
            if (rowProblems.isEmpty() && owners.putIfAbsent(crmOwner.strip(), new Owner(rep, team, region, segment)) != null) {
                rowProblems.add(row.error("crm_owner", "'" + crmOwner + "' is mapped twice"));
            }
            problems.addAll(rowProblems);
        }
        return new Result(new OwnerMapping(owners), problems);
    }

    private static String required(CsvRow row, String column, List<ImportProblem> problems) {
        String value = row.id(CsvFile.normalise(column));
        if (value == null) {
            problems.add(row.error(column, "required"));
        } else if (value.length() > MAX_ID) {
            problems.add(row.error(column, "at most " + MAX_ID + " characters"));
        }
        return value;
    }

    public Optional<Owner> owner(String crmOwner) {
        return Optional.ofNullable(owners.get(crmOwner.strip()));
    }

    public record Result(OwnerMapping mapping, List<ImportProblem> problems) {
    }
}
