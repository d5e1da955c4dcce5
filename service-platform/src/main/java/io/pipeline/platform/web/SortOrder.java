package io.pipeline.platform.web;

import io.pipeline.platform.problem.InvalidFieldException;
import java.util.List;
import java.util.Locale;

/**
 * A list's {@code sort} query parameter: one of the list's field names, optionally followed by {@code ,asc} or
 * {@code ,desc} ({@code amount,desc}); ascending when the direction is left out. Each list names the fields it can
 * sort by, so an unknown one is refused with a 400 naming the parameter instead of being ignored.
 */
public record SortOrder(String field, boolean descending) {

    /** The order {@code text} asks for, or {@code fallback} when it is absent or blank. */
    public static SortOrder parse(String parameter, String text, List<String> fields, SortOrder fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String[] parts = text.split(",", -1);
        String field = parts[0].trim();
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (!fields.contains(field) || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw new InvalidFieldException(parameter, "'" + text + "' is not one of " + String.join(", ", fields)
                    + ", optionally followed by ,asc or ,desc");
        }
        return new SortOrder(field, direction.equals("desc"));
    }

    @Override
    public String toString() {
        return field + "," + (descending ? "desc" : "asc");
    }
}
