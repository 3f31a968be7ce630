package dev.bloodbank.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("the hand-written timestamp path agrees with java.time")
class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-27T10:15:30Z",
        "2026-11-27T10:15:30.123Z",
        "2026-11-27T10:15:30.123456Z",
        "2026-11-27T10:15:30.123456789Z",
        "2026-11-27T10:15:30.1Z",
        "2024-02-29T23:59:59.999999Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z"
    })
    void readsWhatInstantParseReads(String text) {
        assertEquals(Instant.parse(text), Timestamps.parseUtc(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-27T10:15:30+00:00",      // an offset: the general path reads it
        "2026-11-27T10:15:30.123z",       // lower-case zone
        "2026-11-27 10:15:30Z",           // no T
        "2026-13-01T00:00:00Z",           // no month 13
        "2026-02-29T00:00:00Z",           // not a leap year
        "2026-04-31T00:00:00Z",           // April has 30 days
        "2026-11-27T24:00:00Z",
        "2026-11-27T10:60:00Z",
        "2026-11-27T10:15:60Z",           // leap second: left to java.time
        "2026-11-27T10:15:30.Z",          // a dot without digits
        "2026-11-27T10:15:30.1234567890Z", // ten digits
        "2026-1x-27T10:15:30Z",
        "+12026-11-27T10:15:30Z",
        ""
    })
    void leavesEveryOtherFormToTheGeneralPath(String text) {
        assertNull(Timestamps.parseUtc(text));
    }

    @Test
    void writesWhatIsoInstantWritesForAnyInstantInFourDigitYears() {
        SplittableRandom random = new SplittableRandom(42);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(first, last + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String expected = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertEquals(expected, Timestamps.formatUtc(instant));
            assertEquals(instant, Timestamps.parseUtc(expected));
        }
    }

    @Test
    void leavesYearsBeyondFourDigitsToJavaTime() {
        assertNull(Timestamps.formatUtc(Instant.parse("+10000-01-01T00:00:00Z")));
        assertNull(Timestamps.formatUtc(Instant.parse("-0001-12-31T23:59:59Z")));
        assertEquals("+10000-01-01T00:00:00Z", EnvelopeCodec.formatTimestamp(Instant.parse("+10000-01-01T00:00:00Z")));
    }
}
