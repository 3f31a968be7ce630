package dev.bloodbank.testing.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Map;

/** A vhost that exists for one test only, with helpers to reach it and look inside it. */
public final class TestVhost {

    private final String name;
    private final BrokerEndpoint endpoint;
    private final ManagementHttp management;

    TestVhost(String name, BrokerEndpoint endpoint, ManagementHttp management) {
        this.name = name;
        this.endpoint = endpoint;
        this.management = management;
    }

    public String name() {
        return name;
    }

    public BrokerEndpoint endpoint() {
        return endpoint;
    }

    /** {@code amqp://user:pass@host:port/vhost}. */
    public String amqpUrl() {
        return endpoint.amqpUrl(name);
    }

    public String managementUrl() {
        return endpoint.managementUrl();
    }

    public ManagementHttp management() {
        return management;
    }

    /** A connection factory for this vhost, automatic recovery off so tests see failures as they happen. */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(endpoint.host());
        factory.setPort(endpoint.amqpPort());
        factory.setUsername(endpoint.username());
        factory.setPassword(endpoint.password());
        factory.setVirtualHost(name);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    /** The management API's view of a queue in this vhost, or null when it does not exist. */
    public JsonNode queue(String queue) {
        return management.get("queues/" + ManagementHttp.segment(name) + "/" + ManagementHttp.segment(queue));
    }

    /** The management API's view of an exchange in this vhost, or null when it does not exist. */
    public JsonNode exchange(String exchange) {
        return management.get("exchanges/" + ManagementHttp.segment(name) + "/" + ManagementHttp.segment(exchange));
    }

    /** Number of messages in a queue, read through AMQP (the management API lags by seconds). */
    public long messageCount(String queue) throws Exception {
        try (var connection = connectionFactory().newConnection(); var channel = connection.createChannel()) {
            return channel.messageCount(queue);
        }
    }

    /** Closes every client connection to this vhost from the broker side, as a network failure would. */
    public int closeConnections() {
        JsonNode connections = management.get("vhosts/" + ManagementHttp.segment(name) + "/connections");
        int closed = 0;
        if (connections == null) return 0;
        for (JsonNode c : connections) {
            management.delete("connections/" + ManagementHttp.segment(c.get("name").asText()));
            closed++;
        }
        return closed;
    }

    void create() {
        management.put("vhosts/" + ManagementHttp.segment(name), Map.of());
        management.put("permissions/" + ManagementHttp.segment(name) + "/" + ManagementHttp.segment(endpoint.username()),
                Map.of("configure", ".*", "write", ".*", "read", ".*"));
    }

    void delete() {
        management.delete("vhosts/" + ManagementHttp.segment(name));
    }
}
