package io.pipeline.lead.web;

import io.pipeline.platform.problem.InvalidFieldException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A lead's version as an HTTP entity tag: {@code "3"} in ETag, the same (or {@code W/"3"}) in If-Match. */
final class Versions {

    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");

    private Versions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version the client expects, or null when it sent no If-Match (or {@code *}): no check then. */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch);
        if (!matcher.matches()) {
            throw new InvalidFieldException("If-Match", "must be the ETag of the lead as read, such as \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
