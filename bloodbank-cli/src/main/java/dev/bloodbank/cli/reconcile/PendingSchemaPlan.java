package dev.bloodbank.cli.reconcile;

import dev.bloodbank.broker.registry.RegistryException;
import dev.bloodbank.broker.registry.SavedSchemaPlan;
import dev.bloodbank.broker.registry.SchemaHistory;
import dev.bloodbank.broker.registry.SchemaPlan;
import dev.bloodbank.broker.registry.SchemaRegistry;
import dev.bloodbank.broker.registry.TopologyOrigin;
import dev.bloodbank.topology.Topology;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The schema registry's versions, read on a thread of its own while plan and apply load the
 * topology and read the management API; the plan against the topology is worked out once both are
 * there. Reading the registry is mostly waiting for the broker (connecting, attaching to the
 * stream, its deliveries), which the other work can use instead.
 *
 * <p>The connection is made on that thread too, so a broker that cannot be reached is reported
 * where it always was: after the topology's and the management API's own errors, when the plan is
 * asked for.
 */
final class PendingSchemaPlan implements AutoCloseable {

    private final FutureTask<SchemaHistory> task;
    private final Thread thread;
    /** Set by the reading thread once connected; closed by {@link #close()}. */
    private volatile SchemaRegistry registry;

    private PendingSchemaPlan(Supplier<SchemaRegistry> connect) {
        this.task = new FutureTask<>(() -> {
            registry = connect.get();
            return registry.read();
        });
        this.thread = new Thread(task, "bloodbank-schema-registry");
        thread.setDaemon(true);
    }

    /** Connects with {@code connect} and reads the registry, on a thread of its own. */
    static PendingSchemaPlan start(Supplier<SchemaRegistry> connect) {
        PendingSchemaPlan pending = new PendingSchemaPlan(connect);
        pending.thread.start();
        return pending;
    }

    /** The registry the plan was read from, still connected: apply records the new versions there. Only after {@link #plan}. */
    SchemaRegistry registry() {
        return registry;
    }

    /**
     * Waits for the registry's versions and compares the topology's schemas with them.
     *
     * @throws RegistryException as the read threw it
     */
    SchemaPlan plan(Topology topology, TopologyOrigin origin) {
        SchemaHistory history = history();   // first: the reading thread sets the registry before it reads
        return registry.plan(topology, history, origin);
    }

    /** The plan as a saved plan carries it: with the digest of the registry it was made against. Only after {@link #plan}. */
    SavedSchemaPlan saved(SchemaPlan plan) {
        return SavedSchemaPlan.of(plan, history());
    }

    private SchemaHistory history() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw new RegistryException("reading the schema registry failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while reading the schema registry", e);
        } catch (CancellationException e) {
            throw new RegistryException("the schema registry read was cancelled", e);
        }
    }

    /**
     * Stops a read nobody waits for any more (the topology or the management API failed first),
     * waits a moment until it has, and closes the registry's connection. The wait is short: the
     * error that ended the command is worth more than an orderly close of a connection still
     * being made to a broker that does not answer (the process ends anyway).
     */
    @Override
    public void close() {
        if (!task.isDone()) {
            task.cancel(true);
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SchemaRegistry opened = registry;
        if (opened != null) opened.close();
    }
}
