package dev.bloodbank.cli;

import com.rabbitmq.client.ConnectionFactory;
import dev.bloodbank.broker.management.BrokerAddress;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;

/**
 * The check an AMQP URL meets before any command uses it: exactly the parse the client library
 * will do, so a malformed URL (a comma-separated list, a stray space, a wrong scheme) is a usage
 * error on one line instead of a failure deep in the connection code.
 */
final class AmqpUrls {

    static final String EXPECTED = "one URL of the form amqp://user:password@host:5672/vhost (amqps:// for TLS; %2F is the vhost /)";

    private AmqpUrls() {}

    static void check(String url, String origin) {
        String problem = problem(url);
        if (problem != null)
            throw new UsageError("the AMQP URL '" + BrokerAddress.redacted(url) + "' (from " + origin + ") " + problem
                    + "; expected " + EXPECTED);
    }

    private static String problem(String url) {
        if (url.isBlank()) return "is empty";
        if (url.contains(",") || url.strip().contains(" ")) return "is a list, not one URL";
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("amqp://") && !lower.startsWith("amqps://")) return "does not start with amqp:// or amqps://";
        try {
            new ConnectionFactory().setUri(url.strip());
            return null;
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            return "is malformed (" + e.getMessage() + ")";
        }
    }
}
