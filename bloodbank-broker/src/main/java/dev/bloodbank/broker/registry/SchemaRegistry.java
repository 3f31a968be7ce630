package dev.bloodbank.broker.registry;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.bloodbank.broker.history.ArchiveReader;
import dev.bloodbank.broker.history.HistoryException;
import dev.bloodbank.broker.management.BrokerNodes;
import dev.bloodbank.broker.reconcile.BrokerTopology;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The schema registry, kept on the broker itself in one stream ({@link BrokerTopology#SCHEMA_REGISTRY_STREAM},
 * declared by apply like the archive and, like it, never deleted by apply). Each record is one
 * version; reading is consuming the stream from its first record to its end, so every machine that
 * reads it sees the same history without a service of its own to run.
 *
 * <p>A vhost without the stream yet (before the first apply) has an empty registry: the normal start.
 */
public final class SchemaRegistry implements AutoCloseable {

    /** How long reading the whole registry may take; it is small (one record per schema change). */
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);
    private static final Duration CONFIRM_LIMIT = Duration.ofSeconds(10);
    /** Reads of the registry on an owned connection: the first, and two on new connections. */
    static final int READ_ATTEMPTS = 3;
    /**
     * How long one read waits for a stream member on its node when it can go to another node
     * instead. A caller's own connection gets the reader's full patience.
     */
    private static final Duration ATTACH_PATIENCE_PER_NODE = Duration.ofSeconds(5);

    /** Opens a new connection to the cluster, to another node than {@code previous}'s where there is one. */
    @FunctionalInterface
    interface Connector {
        Connection connect(Connection previous) throws IOException, TimeoutException;
    }

    /** Replaced on the reading thread when the broker closed it; closed from another (see {@link #close()}). */
    private volatile Connection connection;
    private volatile boolean closed;
    /** Whether {@link #connection} is this registry's to close (not the caller's). */
    private volatile boolean ownsConnection;
    /** How to connect to another node when the read fails on this one; null: only the caller's connection. */
    private final Connector connector;
    private final String stream;
    private final Clock clock;

    private SchemaRegistry(Connection connection, boolean ownsConnection, Connector connector, String stream, Clock clock) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.connector = connector;
        this.stream = stream;
        this.clock = clock;
    }

    /**
     * Connects to the broker at this AMQP URL; {@link #close()} closes the connection. A read that
     * loses the connection connects again, possibly to another node of the list, and reads again.
     */
    public static SchemaRegistry connect(String amqpUrl) {
        try {
            return withConnector(connector(amqpUrl));
        } catch (IllegalArgumentException e) {
            throw new RegistryException("bad AMQP URL: " + e.getMessage(), e);
        }
    }

    /**
     * Reads on a connection the caller keeps and closes, and when that connection's node cannot
     * serve the read, on one of its own to another node of this AMQP URL (which {@link #close()} closes).
     */
    public static SchemaRegistry borrowing(Connection connection, String amqpUrl) {
        return new SchemaRegistry(connection, false, connector(amqpUrl), BrokerTopology.SCHEMA_REGISTRY_STREAM, Clock.systemUTC());
    }

    private static Connector connector(String amqpUrl) {
        return previous -> {
            try {
                return BrokerNodes.connect(amqpUrl, "bloodbank schema registry", previous);
            } catch (java.net.URISyntaxException | java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
    }

    /** Connected through this connector, which it uses again when the broker closes the connection. */
    static SchemaRegistry withConnector(Connector connector) {
        try {
            return new SchemaRegistry(connector.connect(null), true, connector, BrokerTopology.SCHEMA_REGISTRY_STREAM, Clock.systemUTC());
        } catch (IOException | TimeoutException e) {
            throw new RegistryException("cannot connect to the broker: " + e.getMessage(), e);
        }
    }

    /** On a connection the caller keeps and closes, and only on it. */
    public static SchemaRegistry on(Connection connection) {
        return new SchemaRegistry(connection, false, null, BrokerTopology.SCHEMA_REGISTRY_STREAM, Clock.systemUTC());
    }

    /**
     * Every version recorded so far; empty when the registry stream does not exist yet.
     *
     * <p>Reading is idempotent, so unless the registry was made {@link #on(Connection) on} a
     * connection alone, a read that another node may serve is done again on a new connection, to
     * another node where the list names one.
     * Both cases were seen while a node of a cluster was down: RabbitMQ 3.10 closing a whole
     * connection with {@code INTERNAL_ERROR} when a channel consuming the stream crashed on a
     * member that had just gone, and a node refusing consumers because its member of the stream
     * had stopped with the dead node and was not started again.
     */
    public SchemaHistory read() {
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(deadline);
            } catch (RegistryException e) {
                if (connector == null || closed || !anotherNodeMayServe(e) || attempt == READ_ATTEMPTS
                        || System.nanoTime() >= deadline) throw e;
                reconnect(e);
            }
        }
    }

    private boolean anotherNodeMayServe(RegistryException e) {
        return !connection.isOpen() || (e.getCause() instanceof HistoryException h && h.anotherNodeMayServe());
    }

    private SchemaHistory readOnce(long deadlineNanos) {
        if (!exists()) return SchemaHistory.empty();
        List<SchemaVersion> records = new ArrayList<>();
        try {
            ArchiveReader reader = (connector == null ? ArchiveReader.open(connection, stream)
                    : ArchiveReader.open(connection, stream, ATTACH_PATIENCE_PER_NODE)).bodiesOnly();
            reader.readToEnd(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())), message -> {
                VersionRecords.decode(message.body()).ifPresent(records::add);
                return true;
            });
        } catch (IOException | HistoryException e) {
            throw new RegistryException("reading the schema registry " + stream + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("reading the schema registry " + stream + " was interrupted", e);
        }
        return SchemaHistory.of(records);
    }

    /** Replaces the connection by one to another node where there is one, or reports both failures. */
    private void reconnect(RegistryException lost) {
        Connection previous = connection;
        if (ownsConnection) closeQuietly(previous);
        try {
            connection = connector.connect(previous);
            ownsConnection = true;
            if (closed) close();   // closed meanwhile: leave nothing open
        } catch (IOException | TimeoutException | RuntimeException e) {
            RegistryException failed = new RegistryException(lost.getMessage() + "; connecting again failed: " + e.getMessage(), lost);
            failed.addSuppressed(e);
            throw failed;
        }
    }

    /** The registry's versions compared with this topology's schemas: what apply would record or refuse. */
    public SchemaPlan plan(Topology topology, TopologyOrigin origin) {
        return plan(topology, read(), origin);
    }

    /** The same against versions {@link #read() read} before, so that the read can go on while the topology loads. */
    public SchemaPlan plan(Topology topology, SchemaHistory history, TopologyOrigin origin) {
        // milliseconds, as the archive and the envelope write times
        return SchemaGate.plan(topology, history, origin, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /**
     * Records the new versions of a saved plan, stamped now, if the registry still holds what the
     * plan was made against.
     *
     * @throws RegistryException when the registry changed since the plan was made (nothing is
     *     recorded), or as {@link #record(SchemaPlan)}
     */
    public List<SchemaVersion> record(SavedSchemaPlan saved) {
        checkUnchanged(saved);
        java.time.Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<SchemaPlan.Step> restamped = new ArrayList<>();
        for (SchemaPlan.Step step : saved.plan().steps()) {
            if (step instanceof SchemaPlan.NewVersion v) {
                SchemaVersion p = v.version();
                restamped.add(new SchemaPlan.NewVersion(new SchemaVersion(p.key(), p.kind(), p.version(), p.schema(), at, p.topology()),
                        v.first(), v.mode()));
            }
        }
        return record(new SchemaPlan(restamped));
    }

    /**
     * Whether the registry still holds what the saved plan was made against.
     *
     * @throws RegistryException when it does not
     */
    public void checkUnchanged(SavedSchemaPlan saved) {
        String now = read().digest();
        if (!now.equals(saved.registryDigest()))
            throw new RegistryException("the schema registry changed since this plan was made (was "
                    + shortDigest(saved.registryDigest()) + ", is " + shortDigest(now) + "); run plan again and apply the new plan");
    }

    private static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /**
     * Records the plan's new versions (never its refused keys), each confirmed by the broker.
     * Returns what was recorded.
     *
     * @throws RegistryException when the stream does not exist (apply declares it first) or the broker does not confirm
     */
    public List<SchemaVersion> record(SchemaPlan plan) {
        List<SchemaVersion> versions = plan.newVersions().stream().map(SchemaPlan.NewVersion::version).toList();
        if (versions.isEmpty()) return versions;
        if (!exists())
            throw new RegistryException("the schema registry stream " + stream + " does not exist in this vhost;"
                    + " bloodbank apply declares it");
        Channel ch = null;
        try {
            ch = connection.createChannel();
            ch.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).type("bloodbank.schema-version").build();
            for (SchemaVersion v : versions) ch.basicPublish("", stream, true, properties, VersionRecords.encode(v));
            ch.waitForConfirmsOrDie(CONFIRM_LIMIT.toMillis());
            return versions;
        } catch (IOException | ShutdownSignalException e) {
            throw new RegistryException("recording schema versions in " + stream + " failed: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new RegistryException("the broker did not confirm the schema versions within " + CONFIRM_LIMIT.toSeconds()
                    + "s; run apply again (a repeated record is not a new version)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("recording schema versions was interrupted", e);
        } finally {
            closeQuietly(ch);
        }
    }

    private boolean exists() {
        try {
            return ArchiveReader.streamExists(connection, stream);
        } catch (HistoryException e) {
            throw new RegistryException("reading the schema registry failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c.isOpen()) c.close(1_000);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            // replaced anyway
        }
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch != null && ch.isOpen()) ch.close();
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            // nothing to protect on a channel that is going away
        }
    }

    @Override
    public void close() {
        closed = true;
        if (!ownsConnection) return;
        try {
            if (connection.isOpen()) connection.close(5_000);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            // closing anyway
        }
    }
}
