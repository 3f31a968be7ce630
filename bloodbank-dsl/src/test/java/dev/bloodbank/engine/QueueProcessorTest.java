package dev.bloodbank.engine;

import static dev.bloodbank.engine.TestTopologies.QUEUE;
import static dev.bloodbank.engine.TestTopologies.READY;
import static dev.bloodbank.engine.TestTopologies.TRANSCRIBE;
import static dev.bloodbank.engine.TestTopologies.UPLOADED;
import static dev.bloodbank.engine.TestTopologies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.topology.Exchanges;
import dev.bloodbank.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueProcessorTest {

    private final Topology topology = TestTopologies.topology();
    private final EnvelopeCodec codec = EnvelopeCodec.standard();
    private final List<String> events = new ArrayList<>();
    private final FlowListener recording = new FlowListener() {
        @Override public void consumed(String service, String key, long latencyNanos) { events.add("consumed " + key); }
        @Override public void handled(String service, String key, long nanos) { events.add("handled " + key); }
        @Override public void retried(String service, String key, int nextAttempt) { events.add("retried " + key + " " + nextAttempt); }
        @Override public void deadLettered(String service, String key, int attempts) { events.add("dead-lettered " + key + " " + attempts); }
        @Override public void duplicate(String service, String key) { events.add("duplicate " + key); }
        @Override public void invalid(String service, String key) { events.add("invalid " + key); }
    };
    private final ProcessingOptions options = ProcessingOptions.defaults().withListener(recording).withSourceHost("host-1");

    private QueueProcessor processor(MessageHandler handler, Set<Class<? extends Throwable>> nonRetryable) {
        return new QueueProcessor(topology, new ConsumerSpec("transcriber", QUEUE, Map.of(UPLOADED, handler), nonRetryable), options);
    }

    private QueueProcessor processor(MessageHandler handler) {
        return processor(handler, Set.of());
    }

    private Envelope uploaded(String payload) {
        return Envelopes.create(UPLOADED, json(payload), Source.service("uploader"));
    }

    private Delivery delivery(Envelope envelope, int attempt) {
        Map<String, Object> headers = attempt == 1 ? Map.of() : Map.of(Headers.ATTEMPT, attempt);
        return new Delivery(QUEUE.queue(), envelope.eventType(), codec.encode(envelope), headers, false);
    }

    @Test
    void aSuccessfulHandlerYieldsItsOutputsCorrelatedToTheInput() {
        Envelope input = uploaded("{\"media_file\":\"a.m4a\"}");
        QueueProcessor processor = processor((envelope, context) -> {
            context.publish(READY, Map.of("text", "hello"));
            context.send(TRANSCRIBE, Map.of("media_file", "b.m4a"));
        });

        Outcome.Handled handled = assertInstanceOf(Outcome.Handled.class, processor.process(delivery(input, 1)));

        assertEquals(input, handled.input());
        assertEquals(2, handled.outputs().size());
        Outgoing event = handled.outputs().get(0);
        assertEquals(Exchanges.DEFAULT.events(), event.exchange());
        assertEquals(READY, event.routingKey());
        assertEquals(List.of(input.eventId()), event.envelope().correlationIds());
        assertEquals(new Source("host-1", "service", "transcriber", null), event.envelope().source());
        Outgoing command = handled.outputs().get(1);
        assertEquals(Exchanges.DEFAULT.commands(), command.exchange());
        assertEquals(TRANSCRIBE, command.routingKey());
        assertEquals(List.of("consumed " + UPLOADED, "handled " + UPLOADED), events);
    }

    @Test
    void theHandlerSeesTheAttemptAndTheEnvelope() {
        Envelope input = uploaded("{\"media_file\":\"a.m4a\"}");
        int[] seen = new int[1];
        processor((envelope, context) -> {
            seen[0] = context.attempt();
            assertEquals(input, context.envelope());
            assertEquals("transcriber", context.service());
        }).process(delivery(input, 2));
        assertEquals(2, seen[0]);
    }

    @Test
    void aKeyWithoutHandlerIsIgnored() {
        Envelope other = Envelopes.create(READY, json("{\"text\":\"x\"}"), Source.service("x"));
        assertInstanceOf(Outcome.Ignored.class, processor((e, c) -> {}).process(delivery(other, 1)));
    }

    @DisplayName("a body that is not JSON goes to the dead-letter queue at once")
    @ParameterizedTest
    @ValueSource(strings = {"poison", "{\"half\":", ""})
    void notJsonIsDeadLettered(String body) {
        Delivery poison = new Delivery(QUEUE.queue(), UPLOADED, body.getBytes(), Map.of(), false);
        Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class, processor((e, c) -> {}).process(poison));
        assertEquals(Failure.Reason.INVALID_JSON, dead.failure().reason());
        assertEquals(QUEUE.deadLetterQueue(), dead.deadLetterQueue());
        assertEquals(1, dead.attempts());
        assertEquals(List.of("invalid unknown"), events);
    }

    @Test
    void jsonThatIsNotAnEnvelopeIsDeadLetteredNamingTheField() {
        Delivery notEnvelope = new Delivery(QUEUE.queue(), UPLOADED, "{\"hello\":1}".getBytes(), Map.of(), false);
        Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class, processor((e, c) -> {}).process(notEnvelope));
        assertEquals(Failure.Reason.INVALID_ENVELOPE, dead.failure().reason());
        assertTrue(dead.failure().message().contains("event_id"), dead.failure().message());
    }

    @Test
    void aSchemaViolationIsDeadLetteredAtOnceWithThePointer() {
        int[] calls = new int[1];
        Outcome outcome = processor((e, c) -> calls[0]++).process(delivery(uploaded("{\"media_file\": 42}"), 1));
        Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class, outcome);
        assertEquals(Failure.Reason.SCHEMA_VIOLATION, dead.failure().reason());
        assertTrue(dead.failure().message().contains("#/media_file"), dead.failure().message());
        assertEquals(0, calls[0], "the handler never sees an invalid payload");
        assertEquals(List.of("consumed " + UPLOADED, "invalid " + UPLOADED), events);
    }

    record Uploaded(String mediaFile, Integer mediaDurationSeconds) {}

    /** A handler of a typed payload, as the DSL makes one, saying how it got each payload. */
    private static BindingHandler typed(List<String> how) {
        com.fasterxml.jackson.databind.ObjectReader reader = EnvelopeCodec.standard().newMapper().readerFor(Uploaded.class);
        return new BindingHandler() {
            @Override
            public com.fasterxml.jackson.databind.ObjectReader reader() {
                return reader;
            }

            @Override
            public void handle(Envelope envelope, Object payload, MessageContext context) {
                how.add("bound " + payload + " from " + envelope.payload());
            }

            @Override
            public void handle(Envelope envelope, MessageContext context) throws Exception {
                how.add("tree " + envelope.payload());
                how.add("bound " + reader.readValue(envelope.payload()));
            }
        };
    }

    @Test
    void aTypedPayloadIsBoundAndCheckedInOnePass() {
        List<String> how = new ArrayList<>();
        Outcome outcome = processor(typed(how)).process(delivery(uploaded("{\"media_file\":\"a.m4a\",\"extra\":[1,{}]}"), 1));
        assertInstanceOf(Outcome.Handled.class, outcome);
        assertEquals(List.of("bound Uploaded[mediaFile=a.m4a, mediaDurationSeconds=null] from {\"media_file\":\"a.m4a\",\"extra\":[1,{}]}"), how);
        assertEquals(List.of("consumed " + UPLOADED, "handled " + UPLOADED), events);
    }

    @Test
    void aTypedPayloadBeforeItsEventTypeIsBoundAndCheckedAllTheSame() throws Exception {
        Envelope input = uploaded("{\"media_file\":\"a.m4a\",\"media_duration_seconds\":3}");
        com.fasterxml.jackson.databind.node.ObjectNode wire = codec.toTree(input);
        com.fasterxml.jackson.databind.node.ObjectNode reordered = json("{}").deepCopy();
        reordered.set("payload", wire.get("payload"));
        wire.fields().forEachRemaining(f -> reordered.set(f.getKey(), f.getValue()));
        assertEquals("payload", reordered.fieldNames().next());
        List<String> how = new ArrayList<>();
        Delivery delivery = new Delivery(QUEUE.queue(), UPLOADED, TestTopologies.JSON.writeValueAsBytes(reordered), Map.of(), false);
        assertInstanceOf(Outcome.Handled.class, processor(typed(how)).process(delivery));
        assertEquals(List.of("bound Uploaded[mediaFile=a.m4a, mediaDurationSeconds=3] from {\"media_file\":\"a.m4a\",\"media_duration_seconds\":3}"), how);
        Delivery invalid = new Delivery(QUEUE.queue(), UPLOADED, TestTopologies.JSON.writeValueAsBytes(
                reordered.<com.fasterxml.jackson.databind.node.ObjectNode>set("payload", json("{\"media_file\":1}"))), Map.of(), false);
        Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class, processor(typed(how)).process(invalid));
        assertTrue(dead.failure().message().contains("#/media_file"), dead.failure().message());
    }

    @Test
    void aTypedPayloadThatBreaksItsSchemaIsDeadLetteredWithThePointerAsAnyOther() {
        List<String> how = new ArrayList<>();
        for (String payload : List.of("{\"media_file\": 42}", "{\"media_duration_seconds\": 3}", "{\"media_file\":\"a\",\"media_duration_seconds\":1.5}")) {
            Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class, processor(typed(how)).process(delivery(uploaded(payload), 1)));
            assertEquals(Failure.Reason.SCHEMA_VIOLATION, dead.failure().reason());
            assertTrue(dead.failure().message().contains("#"), dead.failure().message());
        }
        assertEquals(List.of(), how, "the handler never sees an invalid payload");
    }

    @Test
    void aValidPayloadThatDoesNotBindInOnePassGoesTheTreesWay() {
        List<String> how = new ArrayList<>();
        // valid (an integer), but beyond an Integer: the one pass cannot bind it, the tree's way fails as binding always has
        Outcome outcome = processor(typed(how)).process(delivery(uploaded("{\"media_file\":\"a\",\"media_duration_seconds\":12345678901234}"), 1));
        assertEquals(List.of("tree {\"media_file\":\"a\",\"media_duration_seconds\":12345678901234}"), how);
        assertInstanceOf(Outcome.Retry.class, outcome);
    }

    @Test
    void anIdIsADuplicateOnlyAfterItWasCommitted() {
        Envelope input = uploaded("{\"media_file\":\"a.m4a\"}");
        int[] calls = new int[1];
        QueueProcessor processor = processor((e, c) -> calls[0]++);

        Outcome first = processor.process(delivery(input, 1));
        Outcome beforeCommit = processor.process(delivery(input, 1));
        assertInstanceOf(Outcome.Handled.class, beforeCommit, "outputs not yet sent: must be handled again");
        processor.committed((Outcome.Handled) first);
        Outcome afterCommit = processor.process(delivery(input, 1));

        assertInstanceOf(Outcome.Duplicate.class, afterCommit);
        assertEquals(2, calls[0]);
        assertTrue(events.contains("duplicate " + UPLOADED));
    }

    @Test
    void aReplayedEventIsHandledAgainOncePerReplay() {
        Envelope input = uploaded("{\"media_file\":\"a.m4a\"}");
        int[] calls = new int[1];
        QueueProcessor processor = processor((e, c) -> calls[0]++);
        processor.committed((Outcome.Handled) processor.process(delivery(input, 1)));

        Delivery replayOne = new Delivery(QUEUE.queue(), UPLOADED, codec.encode(input),
                Map.of(Headers.REPLAY_ID, "r-1", Headers.REPLAY_NAME, "fix-1"), false);
        Delivery replayTwo = new Delivery(QUEUE.queue(), UPLOADED, codec.encode(input),
                Map.of(Headers.REPLAY_ID, "r-2", Headers.REPLAY_NAME, "fix-2"), false);
        processor.committed(assertInstanceOf(Outcome.Handled.class, processor.process(replayOne), "the first replay"));
        assertInstanceOf(Outcome.Duplicate.class, processor.process(replayOne), "sent twice within one replay");
        processor.committed(assertInstanceOf(Outcome.Handled.class, processor.process(replayTwo), "another replay"));
        assertInstanceOf(Outcome.Duplicate.class, processor.process(delivery(input, 1)), "the original is still a duplicate");

        assertEquals(3, calls[0]);
    }

    @Test
    void aFailingHandlerIsRetriedWithBackOffThroughTheRetryQueueOfItsDelay() {
        QueueProcessor processor = processor((e, c) -> { throw new IllegalStateException("database down"); });
        Envelope input = uploaded("{\"media_file\":\"a.m4a\"}");

        Outcome.Retry first = assertInstanceOf(Outcome.Retry.class, processor.process(delivery(input, 1)));
        Outcome.Retry second = assertInstanceOf(Outcome.Retry.class, processor.process(delivery(input, 2)));

        assertEquals(2, first.nextAttempt());
        assertEquals(Duration.ofMillis(100), first.delay());
        assertEquals(QUEUE.queue() + ".retry.100ms", first.retryQueue());
        assertEquals(3, second.nextAttempt());
        assertEquals(Duration.ofMillis(200), second.delay());
        assertEquals(QUEUE.queue() + ".retry.200ms", second.retryQueue());
        assertEquals(Failure.Reason.HANDLER_FAILED, first.failure().reason());
        assertEquals(IllegalStateException.class.getName(), first.failure().errorClass());
        assertEquals("database down", first.failure().message());
        assertTrue(first.failure().stackTrace().contains("QueueProcessorTest"));
    }

    @Test
    void afterTheLastAttemptTheMessageIsDeadLettered() {
        QueueProcessor processor = processor((e, c) -> { throw new IllegalStateException("still down"); });
        Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class,
                processor.process(delivery(uploaded("{\"media_file\":\"a.m4a\"}"), 3)));
        assertEquals(3, dead.attempts());
        assertEquals("still down", dead.failure().message());
        assertEquals("dead-lettered " + UPLOADED + " 3", events.get(events.size() - 1));
    }

    @Test
    void nonRetryableFailuresAreDeadLetteredOnTheFirstAttempt() {
        Outcome outcome = processor((e, c) -> { throw new NonRetryable("refused: unknown customer"); })
                .process(delivery(uploaded("{\"media_file\":\"a.m4a\"}"), 1));
        Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class, outcome);
        assertEquals(1, dead.attempts());
        assertEquals(NonRetryable.class.getName(), dead.failure().errorClass());
    }

    @Test
    void registeredNonRetryableTypesAndTheirSubtypesAreDeadLetteredAtOnce() {
        QueueProcessor processor = processor((e, c) -> { throw new NumberFormatException("x"); },
                Set.of(IllegalArgumentException.class));
        assertInstanceOf(Outcome.DeadLetter.class, processor.process(delivery(uploaded("{\"media_file\":\"a\"}"), 1)));
    }

    @Test
    void publishingAnInvalidPayloadFailsTheHandlerWithoutRetry() {
        Outcome outcome = processor((e, c) -> c.publish(READY, Map.of("text", 5)))
                .process(delivery(uploaded("{\"media_file\":\"a.m4a\"}"), 1));
        Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class, outcome);
        assertTrue(dead.failure().message().contains(READY), dead.failure().message());
        assertTrue(dead.failure().message().contains("#/text"), dead.failure().message());
    }

    @Test
    void publishingAnUndeclaredKeySaysWhatItIsWithoutRetry() {
        // the context's contract (MessageContext): a key the topology lacks is NonRetryable, the DSL's or not
        Outcome outcome = processor((e, c) -> c.publish(TRANSCRIBE, Map.of("media_file", "a")))
                .process(delivery(uploaded("{\"media_file\":\"a.m4a\"}"), 1));
        Outcome.DeadLetter dead = assertInstanceOf(Outcome.DeadLetter.class, outcome);
        assertTrue(dead.failure().message().contains("use send()"), dead.failure().message());
    }

    @Test
    void aFailingHandlerPublishesNothing() {
        Outcome outcome = processor((e, c) -> {
            c.publish(READY, Map.of("text", "partial"));
            throw new IllegalStateException("after publishing");
        }).process(delivery(uploaded("{\"media_file\":\"a.m4a\"}"), 1));
        assertInstanceOf(Outcome.Retry.class, outcome);
    }

    @Test
    void aHandlerForAKeyTheTopologyDoesNotDeclareIsRefusedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QueueProcessor(topology,
                new ConsumerSpec("transcriber", QUEUE, Map.of("no.such.key", (en, c) -> {}), Set.of()), options));
        assertTrue(e.getMessage().contains("no.such.key"), e.getMessage());
    }

    @Test
    void aBadAttemptHeaderCountsAsTheFirstAttempt() {
        Delivery d = new Delivery(QUEUE.queue(), UPLOADED, new byte[0], Map.of(Headers.ATTEMPT, "many"), false);
        assertEquals(1, d.attempt());
        assertNull(new Delivery(QUEUE.queue(), UPLOADED, new byte[0], null, false).headers().get(Headers.ATTEMPT));
    }

    @Test
    void eachOutputHasAnEventIdOfItsOwnAndPointsBackToTheInput() {
        Envelope input = uploaded("{\"media_file\":\"a.m4a\"}");
        Outcome.Handled handled = assertInstanceOf(Outcome.Handled.class, processor((envelope, context) -> {
            context.publish(READY, Map.of("text", "first"));
            context.publish(READY, Map.of("text", "second"));
            context.send(TRANSCRIBE, Map.of("media_file", "b.m4a"));
        }).process(delivery(input, 1)));

        List<UUID> ids = handled.outputs().stream().map(o -> o.envelope().eventId()).toList();
        assertEquals(3, Set.copyOf(ids).size(), "one id per output: " + ids);
        assertFalse(ids.contains(input.eventId()), "an output never reuses the input's id");
        for (Outgoing output : handled.outputs())
            assertEquals(List.of(input.eventId()), output.envelope().correlationIds());
    }
}
