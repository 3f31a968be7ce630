package dev.bloodbank.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an interval such as {@code 5}, {@code 5s}, {@code 500ms} or {@code 1m}; plain numbers are seconds. */
final class WatchInterval implements ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)?");
    static final Duration SHORTEST = Duration.ofMillis(100);

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches())
            throw new TypeConversionException("'" + value + "' is not an interval; write e.g. 2, 2s, 500ms or 1m");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration interval = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        if (interval.compareTo(SHORTEST) < 0)
            throw new TypeConversionException("the interval " + value + " is too short; the broker's statistics change"
                    + " at most every few seconds, use at least 100ms");
        return interval;
    }
}
