package dev.bloodbank.engine;

import com.fasterxml.jackson.core.JsonParser;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.schema.CheckingParser;
import dev.bloodbank.schema.InvalidPayloadException;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.SchemaVersions;
import dev.bloodbank.schema.SchemaViolation;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.RetryPolicy;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides what happens to each delivery on one consumer's queue; the transport (RabbitMQ, or the
 * in-memory test driver) carries the decision out. The steps, in order:
 *
 * <ol>
 *   <li>decode the body: not JSON, or JSON but not an envelope → {@link Outcome.DeadLetter} at once;
 *   <li>find the handler for the envelope's {@code event_type}: none → {@link Outcome.Ignored}
 *       (a subscription with a wide pattern receives keys the service does not handle; acking them
 *       is the expected behaviour, not an error);
 *   <li>validate the payload against the key's schema (the version the message was written with,
 *       when {@link ProcessingOptions#schemaVersions()} knows it): violation → {@link Outcome.DeadLetter} at
 *       once, with the failing JSON pointer in the reason. For a {@link BindingHandler} the payload is
 *       bound and checked in the parse that reads the envelope, with no tree; only a payload that pass
 *       cannot judge is validated as a tree, as for any other handler;
 *   <li>the id was handled within the dedup window → {@link Outcome.Duplicate};
 *   <li>run the handler: success → {@link Outcome.Handled} with what it published; failure →
 *       {@link Outcome.Retry} while attempts remain, else {@link Outcome.DeadLetter}.
 *       {@link NonRetryable}, {@link InvalidPayloadException} and the consumer's registered
 *       non-retryable types dead-letter at once.
 * </ol>
 *
 * Thread-safe as long as the handlers and the dedup store are.
 */
public final class QueueProcessor {

    private static final String UNKNOWN_KEY = "unknown";

    private final Topology topology;
    private final ConsumerSpec spec;
    private final QueueSettings queue;
    private final RetryPolicy retry;
    private final DedupStore dedup;
    private final FlowListener listener;
    private final String sourceHost;
    private final Clock clock;
    private final String service;
    private final SchemaVersions schemaVersions;
    private final EnvelopeCodec codec = EnvelopeCodec.standard();
    /** Resolved once: the schema of each handled key, so the hot path does a single map lookup. */
    private final Map<String, Route> routes;

    /** Whether a handler takes a bound payload: the payload is then kept as bytes until bound and checked. */
    private final boolean binds;

    private record Route(MessageDefinition definition, MessageHandler handler) {}

    /** What {@link #bindChecked} gives when the one pass could not judge. */
    private static final Object NOT_BOUND = new Object();

    public QueueProcessor(Topology topology, ConsumerSpec spec, ProcessingOptions options) {
        this.topology = topology;
        this.spec = spec;
        this.queue = spec.queue();
        this.retry = spec.queue().retry();
        this.dedup = options.dedupStore();
        this.listener = options.listener();
        this.sourceHost = options.sourceHost();
        this.clock = options.clock();
        this.service = spec.service();
        this.schemaVersions = options.schemaVersions();
        Map<String, Route> routes = new HashMap<>();
        for (Map.Entry<String, MessageHandler> handler : spec.handlers().entrySet()) {
            MessageDefinition definition = topology.message(handler.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "service " + service + " handles '" + handler.getKey() + "', which the topology does not declare; "
                            + "declare it under events: or commands: in topology.yaml"));
            routes.put(handler.getKey(), new Route(definition, handler.getValue()));
        }
        this.routes = Map.copyOf(routes);
        this.binds = routes.values().stream().anyMatch(r -> r.handler() instanceof BindingHandler);
    }

    public ConsumerSpec spec() {
        return spec;
    }

    public Topology topology() {
        return topology;
    }

    /** Decides what to do with one delivery. Never throws: every failure becomes an outcome. */
    public Outcome process(Delivery delivery) {
        int attempt = delivery.attempt();
        Envelope envelope;
        Object bound = NOT_BOUND;
        Binder binder = binds ? new Binder(delivery) : null;
        try {
            if (binder == null) {
                envelope = codec.decode(delivery.body());
            } else {
                EnvelopeCodec.Decoded decoded = codec.decode(delivery.body(), binder);
                envelope = decoded.envelope();
                if (decoded.payload() != null) bound = decoded.payload();
            }
        } catch (EnvelopeDecodingException e) {
            listener.invalid(service, UNKNOWN_KEY);
            Failure.Reason reason = e.problem() == EnvelopeDecodingException.Problem.NOT_JSON
                    ? Failure.Reason.INVALID_JSON
                    : Failure.Reason.INVALID_ENVELOPE;
            return deadLetter(attempt, new Failure(reason, e.getClass().getName(), e.getMessage(), null));
        }
        String key = envelope.eventType();
        listener.consumed(service, key, latencyNanos(envelope));
        Route route = routes.get(key);
        if (route == null) return new Outcome.Ignored();

        // the version the producer wrote with, when the registry knows it: a consumer on a newer
        // schema still reads messages written with an older compatible one
        MessageSchema schema = schema(key, delivery, route);
        // a body that named its payload before its type could not be bound as it was read: bind it now
        if (bound == NOT_BOUND && route.handler() instanceof BindingHandler binding && !binder.tried)
            bound = bindChecked(envelope, schema, binding);
        if (bound == NOT_BOUND) {
            List<SchemaViolation> violations = schema.validate(envelope.payload());
            if (!violations.isEmpty()) {
                listener.invalid(service, key);
                String message = "payload of " + key + " breaks its schema: "
                        + violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("; "));
                return deadLetter(attempt, new Failure(Failure.Reason.SCHEMA_VIOLATION, null, message, null));
            }
        }

        java.util.UUID dedupKey = ReplayDedup.key(envelope.eventId(), delivery.headers());
        if (dedup.seen(queue.queue(), dedupKey)) {
            listener.duplicate(service, key);
            return new Outcome.Duplicate();
        }

        Outputs context = new Outputs(topology, envelope, delivery.headers(), service, attempt, sourceHost, clock);
        long start = System.nanoTime();
        try {
            if (bound != NOT_BOUND) ((BindingHandler) route.handler()).handle(envelope, bound, context);
            else route.handler().handle(envelope, context);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Exception | Error failure) {
            return failed(key, attempt, failure);
        }
        listener.handled(service, key, System.nanoTime() - start);
        return new Outcome.Handled(envelope, context.outputs(), dedupKey);
    }

    /** The schema a delivery is checked against: the version its producer wrote with, when the registry knows it. */
    private MessageSchema schema(String key, Delivery delivery, Route route) {
        return schemaVersions.forDelivery(key, delivery.headers().get(Headers.SCHEMA_VERSION), route.definition().schema());
    }

    /**
     * Binds a payload as the body is read, for a key whose handler takes a bound payload, checking
     * it against its schema on the way: null when it does not bind, or its schema does not accept it.
     */
    private final class Binder implements EnvelopeCodec.PayloadBinder {
        private final Delivery delivery;
        /** Whether the payload was read by a binding here (so binding it again would only repeat that). */
        boolean tried;

        Binder(Delivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public Object bind(String eventType, JsonParser parser) throws IOException {
            Route route = routes.get(eventType);
            if (route == null || !(route.handler() instanceof BindingHandler binding)) return null;
            MessageSchema schema = schema(eventType, delivery, route);
            if (!schema.checksTokens()) return null;
            tried = true;
            CheckingParser checking = schema.checking(parser);
            Object value = binding.reader().readValue(checking);
            return checking.accepted() ? value : null;
        }
    }

    /**
     * The payload bound from the bytes it came in and checked against its schema in the same pass,
     * or {@link #NOT_BOUND} when that pass cannot give a value the schema accepts: the payload is
     * held as a tree, the schema has no token check, the payload breaks it, does not bind, or
     * holds what the check does not follow. The caller then goes the tree's way, which says what
     * is wrong exactly as before.
     */
    private Object bindChecked(Envelope envelope, MessageSchema schema, BindingHandler binding) {
        if (!schema.checksTokens()) return NOT_BOUND;
        try (JsonParser raw = codec.payloadParser(envelope, binding.reader())) {
            if (raw == null) return NOT_BOUND;
            CheckingParser checking = schema.checking(raw);
            Object value = binding.reader().readValue(checking);
            return checking.accepted() ? value : NOT_BOUND;
        } catch (IOException | RuntimeException e) {
            return NOT_BOUND;
        }
    }

    /**
     * Records that the input of a {@link Outcome.Handled} is done with: call it after its outputs
     * were sent (confirmed) and before or as the input is acknowledged.
     */
    public void committed(Outcome.Handled handled) {
        dedup.remember(queue.queue(), handled.dedupKey());
    }

    private Outcome failed(String key, int attempt, Throwable error) {
        Failure failure = Failure.of(Failure.Reason.HANDLER_FAILED, error);
        if (attempt < retry.attempts() && retryable(error)) {
            java.time.Duration delay = retry.delayAfter(attempt);
            listener.retried(service, key, attempt + 1);
            return new Outcome.Retry(queue.retryQueue(delay), delay, attempt + 1, failure);
        }
        listener.deadLettered(service, key, attempt);
        return new Outcome.DeadLetter(queue.deadLetterQueue(), attempt, failure);
    }

    private Outcome deadLetter(int attempt, Failure failure) {
        return new Outcome.DeadLetter(queue.deadLetterQueue(), attempt, failure);
    }

    private boolean retryable(Throwable error) {
        if (error instanceof NonRetryable || error instanceof InvalidPayloadException) return false;
        for (Class<? extends Throwable> type : spec.nonRetryable()) {
            if (type.isInstance(error)) return false;
        }
        return true;
    }

    private long latencyNanos(Envelope envelope) {
        long millis = clock.millis() - envelope.timestamp().toEpochMilli();
        return Math.max(0, millis) * 1_000_000L;
    }
}
