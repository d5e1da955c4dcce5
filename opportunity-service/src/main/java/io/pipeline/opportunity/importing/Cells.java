package io.pipeline.opportunity.importing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reading one cell as a date, an instant or an amount, in the shapes CRM exports write them. Each method throws
 * {@link BadCell} with the reason, which the reader turns into a problem naming the row and the column.
 */
final class Cells {

    /** Salesforce's Data Loader writes {@code 2024-03-01T09:30:00.000+0000}; reports write ISO with a Z. */
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT);
    /** Up to 16 digits: the years 1900 to 2100 need 13, more is a broken cell that the year check names. */
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,16}");
    private static final DateTimeFormatter SPACED_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private Cells() {
    }

    static final class BadCell extends RuntimeException {
        BadCell(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A business instant: a date alone is the start of that day in the business zone; a date and time without an
     * offset is in the business zone too.
     */
    static Instant instant(String text, ZoneId zone) {
        Instant instant = parseInstant(text, zone);
        inYears(text, LocalDate.ofInstant(instant, zone));
        return instant;
    }

    private static Instant parseInstant(String text, ZoneId zone) {
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            if (value.matches(".*[+-]\\d{4}$")) {
                return OffsetDateTime.parse(value, OFFSET_DATE_TIME).toInstant();
            }
            return LocalDateTime.parse(value.replace('T', ' '), SPACED_DATE_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadCell("'" + text + "' is not a date (2024-03-01) or a date and time (2024-03-01T09:30:00Z)");
        }
    }

    /**
     * A CRM's history is older than the input policy's 2000 (the Maven sample starts in 2016, real orgs in the
     * 1990s), but a year such as 0000 or +99999 is a broken cell, not a date to store.
     */
    private static LocalDate inYears(String text, LocalDate date) {
        if (date.getYear() < 1900 || date.getYear() > 2100) {
            throw new BadCell("'" + text + "' is not between the years 1900 and 2100");
        }
        return date;
    }

    /**
     * HubSpot exports its date properties ({@code createdate}, {@code closedate}, {@code hs_date_entered_*}) as
     * milliseconds since 1970 UTC ({@code 1735689600000}) or, from its UI, as dates and times: an integer cell is
     * the former, anything else is read as {@link #instant}. No other export writes bare integers as dates.
     */
    static Instant epochMillisOrInstant(String text, ZoneId zone) {
        String value = text.strip();
        if (!EPOCH_MILLIS.matcher(value).matches()) {
            return instant(text, zone);
        }
        Instant instant = Instant.ofEpochMilli(Long.parseLong(value));
        inYears(text, LocalDate.ofInstant(instant, zone));
        return instant;
    }

    /** As {@link #epochMillisOrInstant}, the date it falls on in the business zone (as a date and time's is). */
    static LocalDate epochMillisOrDate(String text, ZoneId zone) {
        return EPOCH_MILLIS.matcher(text.strip()).matches()
                ? LocalDate.ofInstant(epochMillisOrInstant(text, zone), zone) : date(text, zone);
    }

    /** A calendar date; a date and time (some exports write close dates so) gives its date in the business zone. */
    static LocalDate date(String text, ZoneId zone) {
        String value = text.strip();
        try {
            return inYears(text, value.length() == 10 ? LocalDate.parse(value)
                    : LocalDate.ofInstant(instant(value, zone), zone));
        } catch (DateTimeParseException e) {
            throw new BadCell("'" + text + "' is not a date (2024-03-01)");
        }
    }

    /** A non-negative amount with at most two decimals; thousands separators are refused, not guessed at. */
    static BigDecimal amount(String text) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new BadCell("'" + text + "' is not an amount (1234.50, no thousands separators)");
        }
        if (amount.signum() < 0) {
            throw new BadCell("'" + text + "' is negative");
        }
        if (amount.stripTrailingZeros().scale() > 2 || amount.precision() - amount.scale() > 15) {
            throw new BadCell("'" + text + "' has more than two decimals or fifteen digits");
        }
        return amount;
    }

    /** A conversion rate: above zero (amounts are divided by it), at most fifteen digits and ten decimals. */
    static BigDecimal rate(String text) {
        BigDecimal rate;
        try {
            rate = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new BadCell("'" + text + "' is not a rate (0.912345)");
        }
        if (rate.signum() <= 0) {
            throw new BadCell("'" + text + "' is not above zero");
        }
        if (rate.stripTrailingZeros().scale() > 10 || rate.precision() - rate.scale() > 15) {
            throw new BadCell("'" + text + "' has more than ten decimals or fifteen digits");
        }
        return rate;
    }

    /** Free text stored as given, within the column's size; control characters are refused (PostgreSQL text cannot hold NUL). */
    static String text(String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new BadCell("is " + value.length() + " characters long; at most " + maxLength);
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new BadCell("holds a control character (such as NUL or a line break)");
        }
        return value;
    }

    static <E extends Enum<E>> E choice(Class<E> type, String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replaceAll("[ -]", "_");
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new BadCell("'" + text + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
