package dev.bloodbank.dsl;

import dev.bloodbank.engine.ConsumerSpec;
import dev.bloodbank.topology.Topology;
import java.util.List;

/**
 * A built application: checked against its topology and ready to run. It is plain data for the
 * runtime (one {@link ConsumerSpec} per queue it consumes) and holds no connection or thread, so
 * the same value runs on RabbitMQ or in the test driver.
 *
 * <p>The three names of an application: this is the built value; {@link BloodbankApplication} is
 * the registration in a jar that builds one; {@link DiscoveredApplications} are the registrations
 * found on a class path.
 */
public final class BloodbankApp {

    private final Topology topology;
    private final String service;
    private final List<ConsumerSpec> consumers;
    private final AppDescription description;
    private final Payloads payloads;

    BloodbankApp(Topology topology, String service, List<ConsumerSpec> consumers, AppDescription description, Payloads payloads) {
        this.topology = topology;
        this.service = service;
        this.consumers = List.copyOf(consumers);
        this.description = description;
        this.payloads = payloads;
    }

    public Topology topology() {
        return topology;
    }

    /** The service this application runs as: the name of its subscription. */
    public String service() {
        return service;
    }

    /** One consumer per queue: the subscription queue (when events are streamed), then each command's worker queue. */
    public List<ConsumerSpec> consumers() {
        return consumers;
    }

    /** How this application reads and writes payloads. */
    public Payloads payloads() {
        return payloads;
    }

    public AppDescription describe() {
        return description;
    }

    @Override
    public String toString() {
        return description.toString();
    }
}
