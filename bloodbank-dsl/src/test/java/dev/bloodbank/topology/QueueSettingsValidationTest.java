package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("queue settings: queue types, prefetch, retry, queue and exchange names")
class QueueSettingsValidationTest {

    @TempDir
    Path dir;

    private ValidationReport validateDefaults(String defaults) {
        return TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\ndefaults: " + defaults + "\n" + TopologyFiles.ONE_EVENT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {queueType: Quorum}          | 2:23: error: queueType 'Quorum' is not one of: quorum, classic          | did you mean 'quorum'? quorum (replicated, the default) or classic
            {queueType: clasic}          | 2:23: error: queueType 'clasic' is not one of: quorum, classic          | did you mean 'classic'? quorum (replicated, the default) or classic
            {queueType: stream}          | 2:23: error: queueType 'stream' is not one of: quorum, classic          | stream queues are not supported: consumers need per-message acknowledgement and dead-lettering; use quorum
            {prefetch: 0}                | 2:22: error: prefetch must be from 1 to 65535, not 0                     | prefetch is how many unacknowledged messages one consumer holds; 0 (unlimited) is not allowed
            {prefetch: 65536}            | 2:22: error: prefetch must be from 1 to 65535, not 65536                 | prefetch is how many unacknowledged messages one consumer holds; 0 (unlimited) is not allowed
            {retry: {attempts: 0}}       | 2:30: error: attempts must be from 1 to 100, not 0                       | attempts counts every delivery, the first included: 1 means no retry
            {retry: {attempts: 101}}     | 2:30: error: attempts must be from 1 to 100, not 101                     | attempts counts every delivery, the first included: 1 means no retry
            {retry: {multiplier: 0.5}}   | 2:32: error: multiplier must be from 1 to 10, not 0.5                    | each retry waits multiplier times longer than the one before; 1.0 keeps the delay constant
            {retry: {multiplier: 11}}    | 2:32: error: multiplier must be from 1 to 10, not 11                     | each retry waits multiplier times longer than the one before; 1.0 keeps the delay constant
            {retry: {initialDelay: 5}}   | 2:34: error: initialDelay '5' is not a duration                          | a duration needs a unit: 5s or 5ms? write a whole number followed by ms, s, m or h, e.g. 500ms, 30s, 2m, 1h
            {retry: {initialDelay: 0ms}} | 2:34: error: initialDelay must be from 1ms to 24h, not 0ms                | RabbitMQ needs a positive delay, and a day is the longest back-off worth waiting
            {retry: {maxDelay: 25h}}     | 2:30: error: maxDelay must be from 1ms to 24h, not 25h                    | RabbitMQ needs a positive delay, and a day is the longest back-off worth waiting
            {retry: {maxDelay: 2 min}}   | 2:30: error: maxDelay '2 min' is not a duration                          | write it as 2m
            {retry: {maxDelay: 1.5s}}    | 2:30: error: maxDelay '1.5s' is not a duration                           | write it as 1500ms
            {retry: {maxDelay: 1d}}      | 2:30: error: maxDelay '1d' is not a duration                             | write it as 24h
            {retry: {maxDelay: 1m30s}}   | 2:30: error: maxDelay '1m30s' is not a duration                          | a duration has a single unit: write it as 90s
            {retry: {maxDelay: 2.5 minutes}} | 2:30: error: maxDelay '2.5 minutes' is not a duration                | write it as 150s
            {retry: {maxDelay: soon}}    | 2:30: error: maxDelay 'soon' is not a duration                           | write a whole number followed by ms, s, m or h, e.g. 500ms, 30s, 2m, 1h
            {retry: {initialDelay: 2m, maxDelay: 1m} } | 2:48: error: defaults.retry: maxDelay 1m is shorter than initialDelay 2m | maxDelay caps the growing delay, so it is at least initialDelay
            """)
    void refusesOutOfRangeSettings(String defaults, String expected, String hint) {
        Problem problem = TopologyFiles.only(validateDefaults(defaults));

        assertEquals(expected, TopologyFiles.headline(problem));
        assertEquals(hint, problem.hint());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {replicas: 0}                        | 2:22: error: replicas must be from 1 to 7, not 0
            {replicas: three}                    | 2:22: error: replicas must be an integer from 1 to 7, not the string "three"
            {queueType: classic, replicas: 3}    | 2:42: error: replicas is set for a classic queue
            """)
    void refusesAReplicationFactorOutOfRangeOrForAClassicQueue(String defaults, String expected) {
        assertEquals(expected, TopologyFiles.headline(TopologyFiles.only(validateDefaults(defaults))));
    }

    @Test
    @DisplayName("the quorum replication factor: from the defaults, per queue, or the broker's")
    void readsTheReplicationFactor() {
        Topology topology = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                defaults: {replicas: 3}
                """ + TopologyFiles.ONE_EVENT + """
                subscriptions:
                  auditor: {events: ["#"]}
                  archive: {events: ["#"], replicas: 5}
                  scratch: {events: ["#"], queueType: classic}
                """).orThrow();
        assertEquals(3, topology.defaults().replicas());
        assertEquals(3, topology.subscription("auditor").orElseThrow().queue().replicas());
        assertEquals(5, topology.subscription("archive").orElseThrow().queue().replicas());
        assertEquals(QueueSettings.BROKER_DEFAULT_REPLICAS, topology.subscription("scratch").orElseThrow().queue().replicas());
        Topology plain = TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\n" + TopologyFiles.ONE_EVENT).orThrow();
        assertEquals(QueueSettings.BROKER_DEFAULT_REPLICAS, plain.defaults().replicas());
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"1ms, 1", "500ms, 500", "1s, 1000", "90s, 90000", "2m, 120000", "1h, 3600000", "24h, 86400000"})
    void readsDurations(String written, long millis) {
        Topology topology = validateDefaults("{retry: {initialDelay: 1ms, maxDelay: " + written + "}}").orThrow();

        assertEquals(Duration.ofMillis(millis), topology.defaults().retry().maxDelay());
    }

    @Test
    @DisplayName("a subscription's retry is merged over the topology's defaults field by field")
    void mergesRetryOverridesFieldByField() {
        Topology topology = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                defaults:
                  retry: {attempts: 7, maxDelay: 5m}
                """ + TopologyFiles.ONE_EVENT + """
                subscriptions:
                  auditor:
                    events: ["#"]
                    retry: {initialDelay: 2s}
                """).orThrow();

        assertEquals(new RetryPolicy(7, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5)),
                topology.subscription("auditor").orElseThrow().queue().retry());
    }

    @Test
    void refusesAnOverrideThatBreaksTheMergedPolicy() {
        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                defaults:
                  retry: {maxDelay: 10s}
                commands:
                  a.b.create:
                    description: x
                    schema: {type: object}
                    worker: {retry: {initialDelay: 30s}}
                """);

        assertEquals(List.of("8:36: error: retry of the worker of command 'a.b.create': maxDelay 10s is shorter than initialDelay 30s"),
                TopologyFiles.headlines(report));
    }

    @Test
    @DisplayName("two consumers naming the same queue is an error")
    void refusesAQueueSharedByTwoConsumers() {
        assertEquals(List.of(
                        "7:35: error: subscription 'auditor' uses queue 'bloodbank.cmd.a.b.create', already the queue of the worker of"
                                + " command 'a.b.create' (line 5)",
                        "10:12: error: subscription 'archive' uses queue 'bloodbank.cmd.a.b.create', already the queue of the worker of"
                                + " command 'a.b.create' (line 5)",
                        "12:12: error: subscription 'mirror' uses queue 'bloodbank.cmd.a.b.create.dlq', which is a retry or dead-letter"
                                + " queue of the worker of command 'a.b.create'",
                        "15:12: error: subscription 'replay' uses queue 'bloodbank.cmd.a.b.create.retry.2s', which is a retry or"
                                + " dead-letter queue of the worker of command 'a.b.create'"),
                TopologyFiles.headlines(TopologyFiles.validate(dir, """
                        apiVersion: bloodbank/v1
                        """ + TopologyFiles.ONE_EVENT + """
                        commands:
                          a.b.create: {description: x, schema: {type: object}}
                        subscriptions:
                          auditor: {events: ["#"], queue: bloodbank.cmd.a.b.create}
                          archive:
                            events: ["#"]
                            queue: bloodbank.cmd.a.b.create
                          mirror:
                            queue: bloodbank.cmd.a.b.create.dlq
                            events: ["#"]
                          replay:
                            queue: bloodbank.cmd.a.b.create.retry.2s
                            events: ["#"]
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            amq.work          | 7:12: error: queue name 'amq.work' starts with 'amq.', which RabbitMQ reserves
            'my queue'        | 7:12: error: queue name 'my queue' has characters other than letters, digits, '-', '_', '.' and ':'
            """)
    void refusesQueueNamesRabbitMqWouldNot(String queue, String expected) {
        ValidationReport report = TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\n" + TopologyFiles.ONE_EVENT + """
                subscriptions:
                  auditor:
                    events: ["#"]
                    queue: %s
                """.formatted(queue));

        assertEquals(List.of(expected), TopologyFiles.headlines(report));
    }

    @Test
    void refusesTwoExchangesWithOneName() {
        assertEquals(List.of("2:39: error: exchanges.commands and exchanges.events are both 'bus.v1'"),
                TopologyFiles.headlines(TopologyFiles.validate(dir,
                        "apiVersion: bloodbank/v1\nexchanges: {events: bus.v1, commands: bus.v1}\n" + TopologyFiles.ONE_EVENT)));
    }

    @Test
    void keepsDefaultExchangesForFieldsNotGiven() {
        Topology topology = TopologyFiles.validate(dir,
                "apiVersion: bloodbank/v1\nexchanges: {unrouted: acme.lost}\n" + TopologyFiles.ONE_EVENT).orThrow();

        assertEquals(new Exchanges("bloodbank.events.v1", "bloodbank.commands.v1", "bloodbank.dlx.v1", "acme.lost", "bloodbank.retry.v1"),
                topology.exchanges());
    }

    @Test
    void namesTheRetryExchangeAndRefusesItUnderAnotherRolesName() {
        Topology topology = TopologyFiles.validate(dir,
                "apiVersion: bloodbank/v1\nexchanges: {retry: acme.retry}\n" + TopologyFiles.ONE_EVENT).orThrow();
        assertEquals("acme.retry", topology.exchanges().retry());

        assertEquals(List.of("2:42: error: exchanges.retry and exchanges.deadLetter are both 'acme.dlx'"),
                TopologyFiles.headlines(TopologyFiles.validate(dir,
                        "apiVersion: bloodbank/v1\nexchanges: {deadLetter: acme.dlx, retry: acme.dlx}\n" + TopologyFiles.ONE_EVENT)));
    }
}
