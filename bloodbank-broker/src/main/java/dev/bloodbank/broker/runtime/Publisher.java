package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.registry.RuntimeSchemas;
import dev.bloodbank.engine.Headers;
import dev.bloodbank.schema.SchemaVersions;
import java.util.HashMap;
import java.util.Map;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.engine.OutgoingMessages;
import dev.bloodbank.schema.InvalidPayloadException;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes events and commands of a topology with broker confirms. Safe to share between threads.
 *
 * <p>What a caller can rely on:
 * <ul>
 *   <li>a payload that breaks its schema, or a key the topology does not declare, throws at the
 *       call ({@link InvalidPayloadException}, {@link IllegalArgumentException}): nothing is sent;
 *   <li>otherwise the returned future completes when the broker has confirmed the message
 *       (persistent, in every bound queue), or fails with a {@link PublishException} saying why:
 *       unroutable (mandatory), nacked, no confirm in time, connection lost, window full;
 *   <li>at most {@code publishWindow} publishes await a confirm at once; beyond that a call blocks
 *       for room, at most {@code windowTimeout}, then fails its future with {@code WINDOW_FULL};
 *   <li>a publish that the broker nacks, does not confirm in time, or that is in flight when the
 *       connection drops is sent again, the same bytes with the same event id, up to
 *       {@value Resends#ATTEMPTS} times in all with a growing pause (the recovery interval, twice
 *       that, ...), so that a lost node or a quorum queue electing a new leader does not fail it;
 *       consumers drop the duplicates a resend may make, by event id;
 *   <li>the connection recovers by itself, to another node of the list when its node is gone;
 *   <li>a message whose schema the registry holds carries its version in {@code x-bloodbank-schema-version}.
 * </ul>
 */
public final class Publisher implements AutoCloseable {

    private final Topology topology;
    private final RuntimeSettings settings;
    private final EnvelopeCodec codec = EnvelopeCodec.standard();
    private final Connection connection;
    private final boolean ownsConnection;
    private final ConfirmedChannel channel;
    private final Source source;
    private final Resends resends;
    /** Per key, the headers naming the schema version this topology writes; built once, shared by every publish. */
    private final Map<String, Map<String, Object>> versionHeaders;

    private Publisher(Topology topology, RuntimeSettings settings, Connection connection, ConnectionSocket socket,
            boolean ownsConnection, SchemaVersions versions) {
        this.topology = topology;
        this.versionHeaders = versionHeaders(topology, versions);
        this.settings = settings;
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.source = settings.source();
        this.resends = new Resends(Resends.ATTEMPTS, settings.recoveryInterval());
        try {
            this.channel = new ConfirmedChannel(connection, socket, settings);
        } catch (IOException e) {
            if (ownsConnection) closeQuietly(connection);
            throw new BrokerUnavailableException("cannot open a publishing channel: " + e.getMessage(), e);
        }
    }

    /**
     * Connects to the broker of {@code settings.amqpUrl()} and reads the schema registry, so that
     * each message says which version of its schema wrote it.
     */
    public static Publisher connect(Topology topology, RuntimeSettings settings) {
        ConnectionSocket socket = new ConnectionSocket();
        Connection connection = Connections.open(settings, "publisher", null, socket);
        SchemaVersions versions;
        try {
            versions = RuntimeSchemas.read(connection, settings.amqpUrl(), topology);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        return new Publisher(topology, settings, connection, socket, true, versions);
    }

    /** A publisher on a connection of the caller's, opened through {@link Connections#open} with {@code socket}. */
    static Publisher on(Connection connection, ConnectionSocket socket, Topology topology, RuntimeSettings settings,
            SchemaVersions versions) {
        return new Publisher(topology, settings, connection, socket, false, versions);
    }

    private static Map<String, Map<String, Object>> versionHeaders(Topology topology, SchemaVersions versions) {
        Map<String, Map<String, Object>> headers = new HashMap<>();
        for (MessageDefinition message : topology.messages())
            versions.current(message.key()).ifPresent(v -> headers.put(message.key(), Map.of(Headers.SCHEMA_VERSION, v)));
        return Map.copyOf(headers);
    }

    /** The properties a message of this envelope is sent with, its schema version among them when known. */
    AMQP.BasicProperties properties(Envelope envelope) {
        return AmqpMessages.properties(envelope, versionHeaders.get(envelope.eventType()));
    }

    /** Publishes an event, or sends a command, with a payload given as a record, a map or a JsonNode. */
    public CompletableFuture<PublishReceipt> publish(String key, Object payload) {
        return publish(key, payload, List.of());
    }

    /** As {@link #publish(String, Object)}, naming the events that caused this one. */
    public CompletableFuture<PublishReceipt> publish(String key, Object payload, List<UUID> correlationIds) {
        // envelope(...) has validated the payload; a record was checked on its way to bytes, which the envelope keeps
        Envelope envelope = envelope(key, payload, correlationIds);
        return send(OutgoingMessages.definition(topology, key), envelope);
    }

    /**
     * Builds and validates the envelope that {@link #publish(String, Object, List)} would send,
     * without sending it.
     */
    public Envelope envelope(String key, Object payload, List<UUID> correlationIds) {
        return OutgoingMessages.envelope(topology, key, payload, source, correlationIds);
    }

    /** Publishes a ready envelope (re-publishing one read elsewhere, say); its payload is validated first. */
    public CompletableFuture<PublishReceipt> publish(Envelope envelope) {
        MessageDefinition definition = OutgoingMessages.definition(topology, envelope.eventType());
        OutgoingMessages.check(definition, envelope.payload());
        return send(definition, envelope);
    }

    private CompletableFuture<PublishReceipt> send(MessageDefinition definition, Envelope envelope) {
        String exchange = OutgoingMessages.exchange(topology, definition);
        var properties = properties(envelope);
        byte[] body = codec.encode(envelope);
        return resends.send(() -> channel.send(exchange, envelope.eventType(), properties, body, envelope.eventType()))
                .thenApply(nanos -> new PublishReceipt(envelope.eventId(), envelope.eventType(), exchange, Duration.ofNanos(nanos)));
    }

    /** Publishes an envelope exactly as given, to any exchange and routing key, without validating it. */
    CompletableFuture<Long> send(String exchange, String routingKey, com.rabbitmq.client.AMQP.BasicProperties properties, byte[] body, String key) {
        return resends.send(() -> channel.send(exchange, routingKey, properties, body, key));
    }

    /** Publishes sent more than once so far (each resend counted once). */
    public long resent() {
        return resends.resent();
    }

    /** The node this publisher's connection is on now, as host:port; it changes when recovery moves it. */
    public String node() {
        return connection.getAddress().getHostAddress() + ":" + connection.getPort();
    }

    /** Publishes awaiting a confirm right now. */
    public int inFlight() {
        return channel.inFlight();
    }

    /** Waits for outstanding confirms (at most the confirm timeout), then closes. */
    @Override
    public void close() {
        channel.close();
        resends.close();
        if (ownsConnection) closeQuietly(connection);
    }

    static void closeQuietly(Connection connection) {
        try {
            if (connection.isOpen()) connection.close(5_000);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            // closing anyway: nothing left to protect on a connection that is going away
        }
    }
}
