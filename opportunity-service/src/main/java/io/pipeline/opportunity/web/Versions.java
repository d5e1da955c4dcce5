package io.pipeline.opportunity.web;

import io.pipeline.platform.problem.InvalidFieldException;

/** The version of a deal or process as an HTTP entity tag, {@code "7"}, and back from {@code If-Match}. */
final class Versions {

    private Versions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Null when the header is absent or {@code *} (any version). Weak tags are taken as strong: the version is exact. */
    static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("If-Match", "must be the ETag of the last read or change, such as \"3\"");
        }
    }
}
