package dev.bloodbank.testing.broker;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the test broker listens: AMQP host and port, management API base URL, credentials. */
public record BrokerEndpoint(String host, int amqpPort, URI managementUri, String username, String password) {

    /** The AMQP URL of a vhost on this broker, credentials included. */
    public String amqpUrl(String vhost) {
        return "amqp://" + enc(username) + ":" + enc(password) + "@" + host + ":" + amqpPort + "/" + enc(vhost);
    }

    /** The management base URL with credentials in it, as the CLI accepts it. */
    public String managementUrl() {
        return managementUri.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
