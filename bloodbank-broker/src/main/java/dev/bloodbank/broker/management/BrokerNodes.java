package dev.bloodbank.broker.management;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The nodes of a cluster as the user lists them: {@code amqp://user:pass@rabbit-1:5672/vhost,rabbit-2:5672,rabbit-3}
 * (the first entry a URL that names the credentials and vhost, the others URLs or {@code host[:port]}),
 * and {@code http://rabbit-1:15672,http://rabbit-2:15672} for the management API. One node is a
 * list of one.
 *
 * @param url   the first entry as given: credentials, TLS and vhost for every node
 * @param nodes every node, in the order given
 */
public record BrokerNodes(String url, List<HostPort> nodes) {

    /** One node's host and port. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public BrokerNodes {
        nodes = List.copyOf(nodes);
    }

    /**
     * Parses a comma-separated list of AMQP nodes.
     *
     * @throws IllegalArgumentException in one line, naming the bad entry (redacted)
     */
    public static BrokerNodes amqp(String list) {
        List<String> entries = entries(list, "AMQP URL");
        String first = entries.get(0);
        URI base = uri(first, "AMQP URL");
        boolean tls = "amqps".equalsIgnoreCase(base.getScheme());
        if (!tls && !"amqp".equalsIgnoreCase(base.getScheme()))
            throw new IllegalArgumentException("the AMQP URL " + BrokerAddress.redacted(first)
                    + " must start with amqp:// or amqps://, e.g. amqp://user:pass@localhost:5672/%2F");
        if (base.getHost() == null)
            throw new IllegalArgumentException("the AMQP URL " + BrokerAddress.redacted(first) + " names no host");
        int defaultPort = tls ? 5671 : 5672;
        List<HostPort> nodes = new ArrayList<>();
        nodes.add(new HostPort(base.getHost(), base.getPort() > 0 ? base.getPort() : defaultPort));
        for (String entry : entries.subList(1, entries.size())) {
            nodes.add(entry.contains("://") ? fromUrl(entry, base, defaultPort) : hostPort(entry, defaultPort));
        }
        return new BrokerNodes(first, nodes);
    }

    /** Parses a comma-separated list of management API URLs; each is checked by {@link BrokerAddress}. */
    public static List<String> management(String list) {
        return entries(list, "management URL");
    }

    /**
     * A plain (not self-recovering) connection for a short task, to the first node that answers in
     * shuffled order, with the credentials, vhost and TLS of the first URL.
     */
    public static Connection connect(String list, String name)
            throws IOException, TimeoutException, URISyntaxException, GeneralSecurityException {
        return connect(list, name, null);
    }

    /**
     * As {@link #connect(String, String)}, trying the node of {@code previous} last: the task is
     * being done again because that node failed it (its connection closed, or it holds no member
     * of a stream). A list of one node connects there again.
     */
    public static Connection connect(String list, String name, Connection previous)
            throws IOException, TimeoutException, URISyntaxException, GeneralSecurityException {
        BrokerNodes nodes = amqp(list);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(nodes.url());
        factory.setAutomaticRecoveryEnabled(false);
        List<HostPort> order = previous == null ? nodes.shuffled()
                : withNodeLast(nodes.shuffled(), previous.getAddress(), previous.getPort());
        return factory.newConnection(order.stream().map(n -> new Address(n.host(), n.port())).toList(), name);
    }

    /** The nodes in this order, but the one at this address and port last (matched by name or address, without a lookup). */
    static List<HostPort> withNodeLast(List<HostPort> order, java.net.InetAddress address, int port) {
        List<HostPort> out = new ArrayList<>();
        List<HostPort> last = new ArrayList<>();
        for (HostPort n : order) {
            boolean same = address != null && n.port() == port
                    && (n.host().equals(address.getHostAddress()) || n.host().equalsIgnoreCase(address.getHostName()));
            (same ? last : out).add(n);
        }
        out.addAll(last);
        return out;
    }

    /** The nodes in random order, so that many clients spread over the cluster instead of all taking the first. */
    public List<HostPort> shuffled() {
        List<HostPort> out = new ArrayList<>(nodes);
        Collections.shuffle(out);
        return out;
    }

    private static List<String> entries(String list, String what) {
        if (list == null || list.isBlank()) throw new IllegalArgumentException("the " + what + " is empty");
        List<String> out = new ArrayList<>();
        String[] parts = list.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String entry = parts[i].trim();
            if (entry.isEmpty())
                throw new IllegalArgumentException("the " + what + " list " + BrokerAddress.redacted(list)
                        + " has an empty entry (number " + (i + 1) + "); separate nodes with single commas");
            out.add(entry);
        }
        return out;
    }

    private static HostPort fromUrl(String entry, URI base, int defaultPort) {
        URI u = uri(entry, "AMQP URL");
        if (!base.getScheme().equalsIgnoreCase(u.getScheme()) || u.getHost() == null)
            throw new IllegalArgumentException("the AMQP URL " + BrokerAddress.redacted(entry) + " must be a "
                    + base.getScheme() + ":// URL with a host, like the first node's");
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? null : u.getRawPath();
        if (path != null && !path.equals(base.getRawPath()))
            throw new IllegalArgumentException("the AMQP URL " + BrokerAddress.redacted(entry) + " names another vhost"
                    + " than the first node's; every node of a list serves the same vhost");
        return new HostPort(u.getHost(), u.getPort() > 0 ? u.getPort() : defaultPort);
    }

    private static HostPort hostPort(String entry, int defaultPort) {
        int colon = entry.lastIndexOf(':');
        String host = colon < 0 ? entry : entry.substring(0, colon);
        if (host.isEmpty() || entry.contains("/") || entry.contains("@"))
            throw new IllegalArgumentException("the AMQP node '" + entry.replaceAll("^[^@]*@", "***@") + "' is neither a URL"
                    + " nor host:port, e.g. rabbit-2:5672");
        if (colon < 0) return new HostPort(host, defaultPort);
        try {
            int port = Integer.parseInt(entry.substring(colon + 1));
            if (port < 1 || port > 65535) throw new NumberFormatException();
            return new HostPort(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the AMQP node '" + entry + "' has a bad port '"
                    + entry.substring(colon + 1) + "'; a port is a number from 1 to 65535");
        }
    }

    private static URI uri(String url, String what) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the " + what + " " + BrokerAddress.redacted(url) + " is not a valid URL: "
                    + e.getReason());
        }
    }
}
