package io.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Hostile values of one list filter parameter (a team or region id): NUL and other control characters, strings over
 * the id bound and over the input policy's, percent-encoded bytes that are no UTF-8 (overlong, cut short, a lone
 * surrogate's), SQL-ish text, odd but valid encodings, unknown ids. Each must be refused
 * with a 400 problem naming the parameter or, where the value is a well-formed id that names nothing, answered with
 * an empty page; never a 5xx, never another parameter named, never rows of another filter. Values go in the query
 * already percent-encoded, as a hostile client sends them. (A query over 8 KB never reaches a service: the gateway
 * answers 414 and Tomcat its own 400; 3,000 characters is what a service itself sees at most here.)
 */
public final class HostileListParameters {

    /** Refused with a 400 naming the parameter: the input policy or the 64-character bound of ids. */
    public static final List<String> REFUSED = List.of(
            "team%00", "%00", "a%0Ab", "a%0Db", "a%09b", "a%1Bb", "a%7Fb", "a%C2%85b",
            "x".repeat(65), "x".repeat(257), "y".repeat(3_000), "%C0%AE%C0%AE", "%FF%FE", "a%E2%82", "%ED%A0%80");

    /** Well-formed text that names no team or region: an empty page. */
    public static final List<String> NAMING_NOTHING = List.of(
            "nobody", "x".repeat(64), "'%20or%20'1'%3D'1", "team-1'%3B%20drop%20table%20opportunity_view%3B--",
            "%25", "%2525", "%E2%80%AE1-maet", "%F0%9F%98%80", "t%C3%A9am", "a+b", "*",
            "%5C", "%22", "team-1%2Cteam-2", "..%2F..%2Fetc%2Fpasswd");

    private HostileListParameters() {
    }

    /** Sends each value as {@code parameter} on {@code listPath} (which may hold other parameters already). */
    public static void assertAnsweredCleanly(HttpJson http, String listPath, String parameter) {
        String joiner = listPath.contains("?") ? "&" : "?";
        for (String value : REFUSED) {
            HttpJson.Response response = http.get(listPath + joiner + parameter + "=" + value);
            String what = parameter + "=" + abbreviated(value) + ": " + abbreviated(response.body());
            assertThat(response.status()).as(what).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(response.json().get("errors").findValuesAsString("field")).as(what).containsOnly(parameter);
        }
        for (String value : NAMING_NOTHING) {
            HttpJson.Response response = http.get(listPath + joiner + parameter + "=" + value);
            String what = parameter + "=" + value + ": " + abbreviated(response.body());
            assertThat(response.status()).as(what).isIn(200, 400);
            if (response.status() == 200) {
                assertThat(response.json().get("items")).as(what).isEmpty();
            } else {
                assertThat(response.json().get("errors").findValuesAsString("field")).as(what).containsOnly(parameter);
            }
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "... (" + text.length() + " chars)" : text;
    }
}
