package dev.bloodbank.cli.options;

import com.rabbitmq.client.ConnectionFactory;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.BrokerNodes;
import dev.bloodbank.cli.UsageError;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;

/**
 * The check an AMQP URL meets before any command uses it: the node list a cluster user gives
 * ({@link BrokerNodes}) and exactly the parse the client library will do of its first URL, so a
 * malformed value (an empty entry, a stray space, a wrong scheme) is a usage error on one line
 * instead of a failure deep in the connection code.
 */
public final class AmqpUrls {

    public static final String EXPECTED = "an AMQP URL amqp://user:password@host:5672/vhost (amqps:// for TLS; %2F is the vhost /),"
            + " or for a cluster that URL followed by the other nodes, comma-separated: amqp://user:password@rabbit-1:5672/vhost,rabbit-2:5672";

    private AmqpUrls() {}

    static void check(String url, String origin) {
        String problem = problem(url);
        if (problem != null)
            throw new UsageError("the AMQP URL '" + BrokerAddress.redacted(url) + "' (from " + origin + ") " + problem
                    + "; expected " + EXPECTED);
    }

    private static String problem(String url) {
        if (url.isBlank()) return "is empty";
        String[] entries = url.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].isBlank()) return "has an empty entry (number " + (i + 1) + "); separate nodes with single commas";
            if (entries[i].strip().contains(" ")) return "holds a space; separate nodes with commas";
        }
        String scheme = entries[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.startsWith("amqp://") && !scheme.startsWith("amqps://")) return "does not start with amqp:// or amqps://";
        BrokerNodes nodes;
        try {
            nodes = BrokerNodes.amqp(url);
        } catch (IllegalArgumentException e) {
            return "is malformed (" + e.getMessage() + ")";
        }
        try {
            new ConnectionFactory().setUri(nodes.url());
            return null;
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            return "is malformed (" + e.getMessage() + ")";
        }
    }
}
