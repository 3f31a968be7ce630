package dev.bloodbank.cli.options;

import dev.bloodbank.cli.UserError;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as {@code --since}/{@code --until} take it: a timestamp ({@code 2026-12-01T10:00:00Z},
 * an offset allowed) or a duration back from now ({@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}).
 * Parsed against one {@code now} per command, so {@code --since 2h --until 1h} is exactly an hour.
 */
public final class TimeArgument {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private TimeArgument() {}

    public static Instant parse(String option, String value, Instant now) {
        String v = value.trim();
        Matcher m = AGO.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration back = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(back);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError(option + " '" + value + "' is neither a timestamp nor a duration back from now",
                    "write e.g. 2h, 30m, 7d or 2026-12-01T10:00:00Z");
        }
    }
}
