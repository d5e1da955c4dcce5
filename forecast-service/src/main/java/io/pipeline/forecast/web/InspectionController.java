package io.pipeline.forecast.web;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.inspection.ChangeKind;
import io.pipeline.forecast.inspection.DealNames;
import io.pipeline.forecast.inspection.InspectionQuery;
import io.pipeline.forecast.inspection.InspectionSort;
import io.pipeline.forecast.inspection.PipelineInspection;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.security.ScopeAccess;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.security.PipelineUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Pipeline inspection of a period and scope: its deals with what changed between {@code changedSince} (the
 * period's start when absent, or {@code asOf} if that is earlier) and {@code asOf} (now when absent), filtered by
 * {@code kind} (repeatable), sorted and paged; also as CSV. The same scope rules as the figures ({@link ScopeAccess}).
 */
@RestController
@RequestMapping("/api/forecast")
public class InspectionController {

    private static final List<String> CATEGORIES = List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT,
            "CLOSED", "OMITTED");

    private final FigureQueries queries;
    private final FigureParameters parameters;
    private final ScopeAccess access;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final DealNames names;

    public InspectionController(FigureQueries queries, FigureParameters parameters, ScopeAccess access,
                                ObjectMapper json, ForecastSettings settings, DealNames names) {
        this.queries = queries;
        this.names = names;
        this.parameters = parameters;
        this.access = access;
        this.json = json;
        this.zone = settings.businessZone();
    }

    @GetMapping("/inspection")
    public PipelineInspection inspection(@RequestParam String period, @RequestParam(required = false) String scope,
                                         @RequestParam(required = false) String changedSince,
                                         @RequestParam(required = false) String asOf,
                                         @RequestParam(required = false) List<String> kind,
                                         @RequestParam(required = false) String sort,
                                         @RequestParam(required = false) String stage,
                                         @RequestParam(required = false) String category,
                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                         PipelineUser user) {
        String permitted = access.permitted(scope, user);
        Period asked = parameters.period(period);
        Instant end = parameters.instant("asOf", asOf);
        Instant start = changedSince == null || changedSince.isBlank()
                ? earlier(asked.start().atStartOfDay(zone).toInstant(), end)
                : parameters.instant("changedSince", changedSince);
        if (start.isAfter(end)) {
            throw new InvalidFieldException("changedSince", "must be at or before asOf (" + end + ")");
        }
        return queries.inspection(asked, parameters.scope(permitted), end,
                new InspectionQuery(start, kinds(kind), blankToNull(stage), category(category),
                        InspectionSort.parse("sort", sort), page, size), names);
    }

    /** The same answer as CSV rows (figure, period, scope, as_of, metric, value), as every figure's CSV. */
    @GetMapping(value = "/csv/inspection", produces = "text/csv")
    public String csv(@RequestParam String period, @RequestParam(required = false) String scope,
                      @RequestParam(required = false) String changedSince, @RequestParam(required = false) String asOf,
                      @RequestParam(required = false) List<String> kind, @RequestParam(required = false) String sort,
                      @RequestParam(required = false) String stage, @RequestParam(required = false) String category,
                      @RequestParam(defaultValue = "0") @Min(0) int page,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size, PipelineUser user) {
        return CsvFigures.write(json, "inspection",
                inspection(period, scope, changedSince, asOf, kind, sort, stage, category, page, size, user));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** A forecast category as the events name it; any other word is refused rather than matching no row. */
    private static String category(String text) {
        String category = blankToNull(text);
        if (category == null) {
            return null;
        }
        String upper = category.toUpperCase(Locale.ROOT);
        if (!CATEGORIES.contains(upper)) {
            throw new InvalidFieldException("category", "'" + text + "' is none of " + CATEGORIES);
        }
        return upper;
    }

    private static Set<ChangeKind> kinds(List<String> names) {
        Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
        if (names != null) {
            for (String name : names) {
                for (String each : name.split(",")) {
                    try {
                        kinds.add(ChangeKind.valueOf(each.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException unknown) {
                        throw new InvalidFieldException("kind", "'" + each + "' is none of " + List.of(ChangeKind.values()));
                    }
                }
            }
        }
        return kinds;
    }
}
