package dev.bloodbank.testing.broker;

import java.net.URI;
import java.util.Optional;

/**
 * Finds the RabbitMQ that tests run against, once per JVM: the broker at
 * {@code $BLOODBANK_AMQP_URL} / {@code $BLOODBANK_MANAGEMENT_URL} (defaults on localhost) when it
 * answers, else a Testcontainers RabbitMQ when Docker is available, else a failure that says how
 * to provide one. Never a skip: a broker test that does not run proves nothing.
 */
public final class TestBroker {

    static final String DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672";
    static final String DEFAULT_MANAGEMENT_URL = "http://localhost:15672";
    private static final String IMAGE = "rabbitmq:3.13-management";

    private static BrokerEndpoint endpoint;
    private static ManagementHttp management;

    private TestBroker() {}

    /** The broker for this test run; started or found on first use. */
    public static synchronized BrokerEndpoint endpoint() {
        if (endpoint == null) endpoint = locate();
        return endpoint;
    }

    /** A management client with the broker's administrator credentials. */
    public static synchronized ManagementHttp management() {
        if (management == null) {
            BrokerEndpoint e = endpoint();
            management = new ManagementHttp(e.managementUri(), e.username(), e.password());
        }
        return management;
    }

    private static BrokerEndpoint locate() {
        String amqpUrl = env("BLOODBANK_AMQP_URL", DEFAULT_AMQP_URL);
        String managementUrl = env("BLOODBANK_MANAGEMENT_URL", DEFAULT_MANAGEMENT_URL);
        BrokerEndpoint configured = fromUrls(amqpUrl, managementUrl);
        if (new ManagementHttp(configured.managementUri(), configured.username(), configured.password()).answers())
            return configured;
        Optional<BrokerEndpoint> container = ContainerBroker.start(IMAGE);
        if (container.isPresent()) return container.get();
        throw new IllegalStateException(
                "No RabbitMQ for the broker tests. Tried the management API at " + managementUrl
                        + " (for " + redact(amqpUrl) + ") and found no Docker for Testcontainers. Provide one of:\n"
                        + "  - a local broker: rabbitmq-server -detached && rabbitmq-plugins enable rabbitmq_management\n"
                        + "  - BLOODBANK_AMQP_URL and BLOODBANK_MANAGEMENT_URL pointing at a broker with the management plugin\n"
                        + "  - a running Docker engine, so that Testcontainers can start " + IMAGE);
    }

    static BrokerEndpoint fromUrls(String amqpUrl, String managementUrl) {
        URI amqp = URI.create(amqpUrl);
        URI mgmt = URI.create(managementUrl);
        String userInfo = mgmt.getUserInfo() != null ? mgmt.getUserInfo() : amqp.getUserInfo();
        String user = "guest";
        String password = "guest";
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            password = colon < 0 ? "" : userInfo.substring(colon + 1);
        }
        URI mgmtBase = URI.create(mgmt.getScheme() + "://" + mgmt.getHost() + ":" + port(mgmt, 15672)
                + (mgmt.getPath() == null ? "" : mgmt.getPath()));
        return new BrokerEndpoint(amqp.getHost(), port(amqp, 5672), mgmtBase, user, password);
    }

    private static int port(URI uri, int fallback) {
        return uri.getPort() > 0 ? uri.getPort() : fallback;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
