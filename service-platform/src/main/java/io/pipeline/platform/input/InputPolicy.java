package io.pipeline.platform.input;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The one input policy of every service, applied to each value of a request before a controller sees it (JSON
 * bodies through {@link InputPolicyModule}, query parameters and path variables through
 * {@link RequestParameterPolicy}); each refusal is a 400 problem naming the field and the rule. A field may be
 * stricter still ({@code @Size}, {@code @Digits}, {@code @Pattern}), never looser.
 *
 * <ul>
 *   <li>Strings: no NUL, no other control character, no lone surrogate; tab, line feed and carriage return only in
 *       {@link FreeText} fields. At most 256 characters ({@code @Size} makes ids 64 and names 200), free text
 *       2,000.</li>
 *   <li>Decimal numbers (amounts, rates): at most 15 integer digits and 10 decimals; {@code @Digits} makes amounts
 *       2 decimals and the forecast's currency rates 6.</li>
 *   <li>Dates and instants: years 2000 to 2100.</li>
 * </ul>
 */
public final class InputPolicy {

    public static final int TEXT_MAX_LENGTH = 256;
    public static final int FREE_TEXT_MAX_LENGTH = 2000;
    public static final int MAX_INTEGER_DIGITS = 15;
    public static final int MAX_DECIMALS = 10;
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private InputPolicy() {
    }

    /** @return the rule {@code value} breaks, or null */
    public static String textViolation(String value, boolean freeText) {
        int max = freeText ? FREE_TEXT_MAX_LENGTH : TEXT_MAX_LENGTH;
        if (value.length() > max) {
            return "must be at most " + max + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain NUL (position " + i + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate (position " + i + ")";
            } else if (Character.isISOControl(c) && !(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
                return freeText ? "must not contain control characters other than tab and line breaks (position "
                        + i + ")" : "must be one line without control characters (position " + i + ")";
            }
        }
        return null;
    }

    /** @return the rule {@code value} breaks, or null */
    public static String decimalViolation(BigDecimal value) {
        if (value.scale() > MAX_DECIMALS) {
            return "must have at most " + MAX_DECIMALS + " decimals";
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            return "must have at most " + MAX_INTEGER_DIGITS + " integer digits";
        }
        return null;
    }

    /** @return the rule {@code date} breaks, or null */
    public static String dateViolation(LocalDate date) {
        return date.isBefore(EARLIEST) || date.isAfter(LATEST)
                ? "must lie between " + EARLIEST + " and " + LATEST : null;
    }
}
