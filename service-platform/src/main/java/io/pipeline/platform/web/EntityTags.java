package io.pipeline.platform.web;

import io.pipeline.platform.problem.InvalidFieldException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An aggregate's version as an HTTP entity tag: {@code "3"} in ETag, the same (or {@code W/"3"}) back in If-Match,
 * where it makes a change refuse (412) if the item moved on since the client read it.
 */
public final class EntityTags {

    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");

    private EntityTags() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version the client expects, or null when it sent no If-Match (or {@code *}): no check then. Weak tags are
     * taken as strong: the version is exact.
     */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch);
        if (!matcher.matches()) {
            throw new InvalidFieldException("If-Match", "must be the ETag of the last read or change, such as \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
