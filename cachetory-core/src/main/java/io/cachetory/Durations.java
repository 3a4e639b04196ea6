package io.cachetory;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses the durations Cachetory accepts in annotations and URLs: {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT5M}). Stateless and thread-safe.
 */
public final class Durations {
    /**
     * The longest ttl accepted anywhere (10 000 years): far beyond any real entry's life, and far
     * inside what Redis ({@code PX}, milliseconds since the epoch in a 64-bit integer) and the
     * {@code Duration} arithmetic of every backend can hold, so no write fails later on overflow.
     */
    public static final Duration MAX_TTL = Duration.ofDays(365L * 10_000);

    private Durations() {}

    /**
     * Checks a time to live: {@code null} (eternal) or positive and at most {@link #MAX_TTL}.
     *
     * @param what names the ttl in the message, e.g. {@code "ttl"} or {@code "@Cached on X.y: ttl"}
     * @return {@code ttl}
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static Duration checkTtl(Duration ttl, String what) {
        if (ttl == null) {
            return null;
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive or null (eternal), got " + ttl);
        }
        if (ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_TTL.toDays() + " days, got " + ttl);
        }
        return ttl;
    }

    /**
     * @param text the duration text
     * @return the parsed duration (may be zero or negative: callers decide what they accept)
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String s = text.trim();
        if (s.startsWith("P") || s.startsWith("p") || s.startsWith("-P")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("invalid duration '" + text + "'", e);
            }
        }
        int unitStart = 0;
        while (unitStart < s.length() && (Character.isDigit(s.charAt(unitStart)) || (unitStart == 0 && s.charAt(0) == '-'))) {
            unitStart++;
        }
        if (unitStart == 0 || (unitStart == 1 && s.charAt(0) == '-')) {
            throw new IllegalArgumentException("invalid duration '" + text + "': expected a number and a unit (ms, s, m, h, d) or ISO-8601 such as PT5M");
        }
        long amount;
        try {
            amount = Long.parseLong(s.substring(0, unitStart));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "': number out of range", e);
        }
        String unit = s.substring(unitStart).trim().toLowerCase(Locale.ROOT);
        try {
            switch (unit) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                case "d": return Duration.ofDays(amount);
                default:
                    throw new IllegalArgumentException("invalid duration '" + text + "': unknown unit '" + unit
                            + "' (use ms, s, m, h, d or ISO-8601 such as PT5M)");
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "': out of range", e);
        }
    }
}
