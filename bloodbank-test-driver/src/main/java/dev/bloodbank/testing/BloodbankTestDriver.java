package dev.bloodbank.testing;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.MessageType;
import dev.bloodbank.engine.ConsumerSpec;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.engine.Delivery;
import dev.bloodbank.engine.FailureHeaders;
import dev.bloodbank.engine.InMemoryDedupStore;
import dev.bloodbank.engine.Outcome;
import dev.bloodbank.engine.Outgoing;
import dev.bloodbank.engine.ProcessingOptions;
import dev.bloodbank.engine.QueueProcessor;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.schema.SchemaVersions;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a built application without a broker, in the manner of Kafka Streams' {@code TopologyTestDriver}:
 *
 * <pre>{@code
 * try (var driver = new BloodbankTestDriver(app)) {
 *     var completed = driver.input(Events.FIREFLIES_TRANSCRIPT_COMPLETED);
 *     var process = driver.output(Commands.FIREFLIES_TRANSCRIPT_PROCESS);
 *     completed.pipe(new FirefliesTranscriptCompleted(...));
 *     assertEquals(List.of(new FirefliesTranscriptProcess(...)), process.readValuesToList());
 * }
 * }</pre>
 *
 * Each delivery goes through the same {@link QueueProcessor} the RabbitMQ runtime uses (decode,
 * schema, dedup, handler, retry or dead-letter decision); the driver only carries the
 * {@link Outcome} out on a broker in memory, which routes with the topology's {@link Routing}, as
 * {@code apply} declares the real one: an event goes to every subscription
 * queue whose patterns match its key ({@code *} and {@code #}), the application's own included, a
 * command to its worker queue. Failed messages wait in retry queues on a virtual clock that
 * {@link #advance(Duration)} moves; dead-lettered messages keep the runtime's headers. The same
 * clock stamps the envelopes piped in and those the application publishes, and runs the dedup
 * window: advancing past it lets a duplicate through again, as on a long-running service.
 *
 * <p>Every {@code pipe} runs the application until its queues are empty, so results can be read
 * right after it. Not thread-safe: one test, one driver.
 */
public final class BloodbankTestDriver implements AutoCloseable {

    /** How many deliveries one pipe may cause before the driver calls it a loop. */
    static final int MAX_DELIVERIES_PER_STEP = 10_000;

    private final BloodbankApp app;
    private final Topology topology;
    private final EnvelopeCodec codec = EnvelopeCodec.standard();
    private final Map<String, QueueProcessor> processors = new LinkedHashMap<>();
    private final Source source;
    private final InMemoryBroker broker;
    private final VirtualClock clock;
    /** What each key's output handles have not read yet, shared by the handles of one key. */
    private final Map<String, Deque<Envelope>> unread = new HashMap<>();

    private final List<Outgoing> published = new ArrayList<>();
    private final List<Outgoing> sent = new ArrayList<>();
    private final List<Processed> history = new ArrayList<>();
    private boolean closed;

    /** A driver whose clock starts at the current time. */
    public BloodbankTestDriver(BloodbankApp app) {
        this(app, Instant.now());
    }

    /** A driver whose clock starts at {@code start}; it moves only with {@link #advance(Duration)}. */
    public BloodbankTestDriver(BloodbankApp app, Instant start) {
        this(app, start, FlowListener.NO_OP);
    }

    /** A driver that reports every step to {@code listener}, as the runtime does (to test metrics, say). */
    public BloodbankTestDriver(BloodbankApp app, Instant start, FlowListener listener) {
        this.app = Objects.requireNonNull(app, "app");
        this.topology = app.topology();
        Objects.requireNonNull(start, "start");
        this.source = new Source("bloodbank-test-driver", "test", "bloodbank-test-driver", null);
        this.clock = new VirtualClock(start);
        InMemoryDedupStore dedup = new InMemoryDedupStore(InMemoryDedupStore.DEFAULT_MAX_ENTRIES, InMemoryDedupStore.DEFAULT_WINDOW, clock);
        ProcessingOptions options = new ProcessingOptions(dedup, listener, "bloodbank-test-driver", clock, SchemaVersions.NONE);
        for (ConsumerSpec consumer : app.consumers()) {
            processors.put(consumer.queue().queue(), new QueueProcessor(topology, consumer, options));
        }
        this.broker = new InMemoryBroker(Routing.of(topology), processors.keySet(), clock);
    }

    // ---- input -------------------------------------------------------------------------------------

    /**
     * Publishes an event, or sends a command, with this payload (a record, a map or a JsonNode,
     * written with the application's payload mapping), as another service would; then runs the
     * application until its queues are empty. The payload is not validated here: an invalid one
     * is dead-lettered by the application, as on the broker.
     *
     * @return the envelope that was piped
     */
    public Envelope pipe(String key, Object payload) {
        return pipe(key, payload, Map.of(), now());
    }

    Envelope pipe(String key, Object payload, Map<String, ?> headers, Instant timestamp) {
        Objects.requireNonNull(payload, "payload");
        requireKnown(key);
        Envelope envelope = Envelopes.create(key, app.payloads().tree(payload), source, List.of(), timestamp);
        publish(envelope, headers);
        return envelope;
    }

    /** Publishes (or sends) this exact envelope, routed by its {@code event_type}: pipe one twice to see a duplicate. */
    public Envelope pipe(Envelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        requireKnown(envelope.eventType());
        publish(envelope, Map.of());
        return envelope;
    }

    private void publish(Envelope envelope, Map<String, ?> headers) {
        broker.publish(broker.routing().exchangeOf(envelope.eventType()), envelope.eventType(), codec.encode(envelope),
                Map.copyOf(headers));
        drain();
    }

    /**
     * A typed handle to pipe payloads of one key: {@code driver.input(Events.X).pipe(payload)}.
     * A payload of another type does not compile.
     */
    public <T> TestInput<T> input(MessageType<T> type) {
        requireDeclared(type);
        return new TestInput<>(this, type);
    }

    /** Publishes raw bytes with this routing key (not JSON, not an envelope, ...) to see how they are refused. */
    public void pipeRaw(String routingKey, byte[] body) {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(body, "body");
        broker.publish(broker.routing().exchangeOf(routingKey), routingKey, body.clone(), Map.of());
        drain();
    }

    // ---- time --------------------------------------------------------------------------------------

    /** The driver's clock. */
    public Instant now() {
        return broker.now();
    }

    /**
     * Moves the clock forward. Each retry that falls due on the way goes back to its work queue at
     * its due time, in due order, and is handled before the clock moves on; a retry it schedules
     * counts from that moment.
     */
    public void advance(Duration duration) {
        broker.advance(duration, this::drain);
    }

    /** Moves the clock until no retry is pending (every failed message is handled or dead-lettered); returns how far. */
    public Duration advanceUntilSettled() {
        Instant start = broker.now();
        for (var due = broker.nextDue(); due.isPresent(); due = broker.nextDue()) {
            advance(Duration.between(broker.now(), due.get()));
        }
        return Duration.between(start, broker.now());
    }

    // ---- output ------------------------------------------------------------------------------------

    /**
     * A typed handle on what the application publishes (an {@link dev.bloodbank.dsl.EventType}) or
     * sends (a {@link dev.bloodbank.dsl.CommandType}) under one key; reading consumes, so each read
     * sees what happened since the last. The lists below ({@link #published(String)}) keep the whole
     * history and do not consume.
     */
    public <T> TestOutput<T> output(MessageType<T> type) {
        requireDeclared(type);
        return new TestOutput<>(type, unread.computeIfAbsent(type.key(), k -> new ArrayDeque<>()), app.payloads());
    }

    /** The dead letters of one key (wherever they failed), payloads bound to its type, in order. */
    public <T> List<DeadLettered<T>> deadLetters(MessageType<T> type) {
        requireDeclared(type);
        List<DeadLettered<T>> letters = new ArrayList<>();
        for (DeadLetter letter : broker.deadLetters()) {
            if (!type.key().equals(letter.originalRoutingKey())) continue;
            Envelope envelope = letter.envelope().orElseThrow(() -> new IllegalStateException("a dead letter of '"
                    + type.key() + "' in " + letter.queue() + " is not an envelope; read it with deadLetters()"));
            letters.add(new DeadLettered<>(bind(envelope, type, "dead letter"), letter));
        }
        return letters;
    }

    /** The failed messages of one key waiting out their back-off, payloads bound to its type, soonest first. */
    public <T> List<Retrying<T>> retries(MessageType<T> type) {
        requireDeclared(type);
        List<Retrying<T>> waiting = new ArrayList<>();
        for (PendingRetry retry : broker.retries()) {
            if (retry.routingKey().equals(type.key())) waiting.add(new Retrying<>(bind(retry.message().envelope(), type, "retry"), retry));
        }
        return waiting;
    }

    private <T> T bind(Envelope envelope, MessageType<T> type, String what) {
        try {
            return app.payloads().read(envelope.payload(), type.payloadType());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the " + what + " " + envelope.eventId() + " of '" + type.key()
                    + "' does not bind to " + type.payloadType().getName() + " (" + e.getMessage()
                    + "); read it untyped with deadLetters() or retries()", e);
        }
    }

    /** The events the application published with this key, in order. */
    public List<Envelope> published(String eventKey) {
        return envelopes(published, eventKey);
    }

    /** The payloads of the events the application published with this key, bound to {@code type}. */
    public <T> List<T> published(String eventKey, Class<T> type) {
        return payloads(published(eventKey), type);
    }

    /** Every event the application published, in order. */
    public List<Envelope> published() {
        return published.stream().map(Outgoing::envelope).toList();
    }

    /** The commands the application sent with this key, in order. */
    public List<Envelope> sent(String commandKey) {
        return envelopes(sent, commandKey);
    }

    public <T> List<T> sent(String commandKey, Class<T> type) {
        return payloads(sent(commandKey), type);
    }

    /** Every command the application sent, in order. */
    public List<Envelope> sent() {
        return sent.stream().map(Outgoing::envelope).toList();
    }

    /** Failed messages waiting out their back-off, soonest first. */
    public List<PendingRetry> retries() {
        return broker.retries();
    }

    /** Every dead-lettered message, in order. */
    public List<DeadLetter> deadLetters() {
        return broker.deadLetters();
    }

    /** The dead-lettered messages of one dead-letter queue ({@code <work queue>.dlq}). */
    public List<DeadLetter> deadLetters(String deadLetterQueue) {
        return broker.deadLetters().stream().filter(d -> d.queue().equals(deadLetterQueue)).toList();
    }

    /**
     * What waits in a queue this application does not consume: another service's subscription
     * queue, or a command's worker queue, that its publications reached.
     */
    public List<QueuedMessage> queue(String queue) {
        return broker.queue(queue);
    }

    /** Events no subscription matched; the broker keeps them in the unrouted exchange's queue. */
    public List<Envelope> unrouted() {
        return broker.unrouted();
    }

    /** Every delivery the application took and its outcome, in order. */
    public List<Processed> history() {
        return List.copyOf(history);
    }

    /** How many deliveries were acknowledged as duplicates, without running a handler. */
    public long duplicates() {
        return history.stream().filter(p -> p.outcome() instanceof Outcome.Duplicate).count();
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- running the application -------------------------------------------------------------------

    /** The key is declared with the kind the typed key says: an EventType of a command is a slip in the test. */
    private void requireDeclared(MessageType<?> type) {
        Objects.requireNonNull(type, "type");
        requireKnown(type.key());
        MessageKind declared = topology.message(type.key()).orElseThrow().kind();
        if (declared != type.kind())
            throw new IllegalArgumentException("'" + type.key() + "' is " + article(declared) + " in the topology, but "
                    + type + " names it " + article(type.kind()));
    }

    private static String article(MessageKind kind) {
        return (kind == MessageKind.EVENT ? "an " : "a ") + kind.label();
    }

    private void requireKnown(String key) {
        if (closed) throw new IllegalStateException("the driver is closed");
        if (topology.message(key).isEmpty())
            throw new IllegalArgumentException("the topology declares no event or command '" + key
                    + "'; pipe a key it declares (or use pipeRaw to send an arbitrary routing key)");
    }

    /** Delivers every ready message, and what handling it publishes, until the application's queues are empty. */
    private void drain() {
        int deliveries = 0;
        for (var next = broker.next(); next.isPresent(); next = broker.next()) {
            if (++deliveries > MAX_DELIVERIES_PER_STEP) {
                QueuedMessage last = next.get();
                throw new IllegalStateException("the application handled " + MAX_DELIVERIES_PER_STEP
                        + " deliveries without its queues running empty: it keeps consuming what it publishes "
                        + "(last: " + last.routingKey() + " on " + last.queue() + ")");
            }
            deliver(next.get());
        }
    }

    /** Runs the application on one message and carries out its outcome on the broker, as the runtime does. */
    private void deliver(QueuedMessage message) {
        QueueProcessor processor = processors.get(message.queue());
        Delivery delivery = new Delivery(message.queue(), message.routingKey(), message.body(), message.headers(), false);
        Outcome outcome = processor.process(delivery);
        history.add(new Processed(message.queue(), message.routingKey(), delivery.attempt(), outcome));
        if (outcome instanceof Outcome.Handled handled) {
            for (Outgoing out : handled.outputs()) {
                (out.exchange().equals(topology.exchanges().commands()) ? sent : published).add(out);
                unread.computeIfAbsent(out.routingKey(), k -> new ArrayDeque<>()).add(out.envelope());
                broker.publish(out.exchange(), out.routingKey(), codec.encode(out.envelope()), Map.of());
            }
            processor.committed(handled);
        } else if (outcome instanceof Outcome.Retry retry) {
            Map<String, Object> headers = FailureHeaders.forRetry(message.headers(), message.exchange(), message.routingKey(),
                    message.queue(), processor.spec().service(), retry.nextAttempt(), retry.failure());
            // as the runtime sends it: through the retry exchange, routed by the retry queue's name
            broker.retry(new QueuedMessage(retry.retryQueue(), topology.exchanges().retry(), retry.retryQueue(), message.body(), headers),
                    retry.nextAttempt());
        } else if (outcome instanceof Outcome.DeadLetter dead) {
            // the original key travels in a header: in the dead-letter queue the message is routed by its work queue's name
            Map<String, Object> headers = FailureHeaders.forDeadLetter(message.headers(), message.exchange(), message.routingKey(),
                    message.queue(), processor.spec().service(), dead.attempts(), dead.failure(), broker.now());
            broker.deadLetter(message.queue(), message.body(), headers);
        }
        // Duplicate and Ignored: acknowledged, nothing else happens
    }

    private static List<Envelope> envelopes(List<Outgoing> outgoing, String key) {
        return outgoing.stream().filter(o -> o.routingKey().equals(key)).map(Outgoing::envelope).toList();
    }

    private <T> List<T> payloads(List<Envelope> envelopes, Class<T> type) {
        List<T> values = new ArrayList<>(envelopes.size());
        for (Envelope envelope : envelopes) values.add(app.payloads().read(envelope.payload(), type));
        return values;
    }
}
