package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("archive: on by default, retention and what it keeps")
class ArchiveValidationTest {

    @TempDir
    Path dir;

    private ValidationReport validate(String archive) {
        return TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\n" + TopologyFiles.ONE_EVENT + "archive: " + archive + "\n");
    }

    @Test
    void aTopologyWithoutTheSectionHasTheDefaultArchive() {
        Topology topology = TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\n" + TopologyFiles.ONE_EVENT).orThrow();

        assertEquals(Archive.DEFAULT, topology.archive());
        assertEquals(new Archive(true, "bloodbank.archive.v1", Duration.ofDays(7), 5_000_000_000L, Archive.Keep.BOTH),
                topology.archive());
    }

    @Test
    void readsEveryField() {
        Topology topology = validate("{enabled: true, stream: acme.history, maxAge: 36h, maxBytes: 2GiB, keep: events}").orThrow();

        assertEquals(new Archive(true, "acme.history", Duration.ofHours(36), 2L << 30, Archive.Keep.EVENTS), topology.archive());
    }

    @Test
    void canBeTurnedOff() {
        assertEquals(false, validate("{enabled: false}").orThrow().archive().enabled());
    }

    @ParameterizedTest(name = "{0} = {1} s")
    @CsvSource({"90s, 90", "30m, 1800", "12h, 43200", "7d, 604800"})
    void readsAges(String written, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), validate("{maxAge: " + written + "}").orThrow().archive().maxAge());
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"5GB, 5000000000", "500MB, 500000000", "1.5TB, 1500000000000", "1GiB, 1073741824", "2000000, 2000000"})
    void readsSizes(String written, long bytes) {
        assertEquals(bytes, validate("{maxBytes: " + written + "}").orThrow().archive().maxBytes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {enable: false}        | 4:11: error: unknown field 'enable' in archive                        | did you mean 'enabled'? valid fields: enabled, stream, maxAge, maxBytes, keep
            {enabled: no way}      | 4:20: error: archive.enabled must be true or false, not the string "no way" | write 'enabled: false' to have no archive, or leave it out to keep one
            {maxAge: 7}            | 4:19: error: archive.maxAge '7' is not an age                         | an age needs a unit: 7d? a whole number followed by s, m, h or d, e.g. 7d or 36h
            {maxAge: 1 week}       | 4:19: error: archive.maxAge '1 week' is not an age                    | a whole number followed by s, m, h or d, e.g. 7d or 36h
            {maxAge: 10s}          | 4:19: error: archive.maxAge must be from 1m to 3650d, not 10s         | the archive keeps history for replay and trace: hours to weeks is usual
            {maxBytes: 5 gigs}     | 4:21: error: archive.maxBytes '5 gigs' is not a size                  | a number followed by MB, GB or TB (powers of 1000) or MiB, GiB, TiB (powers of 1024), e.g. 5GB
            {maxBytes: 10kB}       | 4:21: error: archive.maxBytes must be at least 1MB, not 10kB          | a stream drops whole segments; a bound below a segment keeps almost nothing. a number followed by MB, GB or TB (powers of 1000) or MiB, GiB, TiB (powers of 1024), e.g. 5GB
            {keep: event}          | 4:17: error: archive.keep 'event' is not one of events, commands, both | did you mean 'events'? valid values: events, commands, both
            {stream: amq.history}  | 4:19: error: archive stream name 'amq.history' starts with 'amq.', which RabbitMQ reserves | choose another prefix
            """)
    void refusesBadValuesWithLocationAndHint(String archive, String expected, String hint) {
        Problem problem = TopologyFiles.only(validate(archive));

        assertEquals(expected, TopologyFiles.headline(problem));
        assertEquals(hint, problem.hint());
    }
}
