package dev.bloodbank.broker.management;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the broker is and which vhost to work in: the AMQP URL names the host, port, vhost (its
 * path) and credentials; the management URL names the HTTP API. Credentials come from the
 * management URL when it carries them, else from the AMQP URL, else guest/guest. They are never
 * part of {@link #toString()} or any message: use {@link #redacted(String)} on anything printed.
 */
public record BrokerAddress(
        String amqpHost, int amqpPort, boolean amqps, URI managementBase, String vhost, String username, String password,
        List<URI> managementBases) {

    public static final String DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672/%2F";
    public static final String DEFAULT_MANAGEMENT_URL = "http://localhost:15672";

    public BrokerAddress {
        managementBases = List.copyOf(managementBases);
    }

    /**
     * Parses the two URLs; each may be a comma-separated list of a cluster's nodes (see
     * {@link BrokerNodes}): the first AMQP URL names credentials and vhost, the management URLs
     * are tried in turn while one does not answer.
     *
     * @throws IllegalArgumentException naming the bad URL (redacted) and what is wrong with it
     */
    public static BrokerAddress of(String amqpUrl, String managementUrl) {
        BrokerNodes amqpNodes = BrokerNodes.amqp(amqpUrl);
        List<URI> bases = new ArrayList<>();
        BrokerAddress first = null;
        for (String mgmtUrl : BrokerNodes.management(managementUrl)) {
            BrokerAddress one = single(amqpNodes.url(), mgmtUrl);
            bases.add(one.managementBase());
            if (first == null) first = one;
        }
        return new BrokerAddress(first.amqpHost(), first.amqpPort(), first.amqps(), first.managementBase(), first.vhost(),
                first.username(), first.password(), bases);
    }

    private static BrokerAddress single(String amqpUrl, String managementUrl) {
        URI amqp = parse(amqpUrl, "AMQP URL");
        URI mgmt = parse(managementUrl, "management URL");
        String scheme = amqp.getScheme();
        if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme))
            throw new IllegalArgumentException("the AMQP URL " + redacted(amqpUrl)
                    + " must start with amqp:// or amqps://, e.g. amqp://user:pass@localhost:5672/%2F");
        if (amqp.getHost() == null)
            throw new IllegalArgumentException("the AMQP URL " + redacted(amqpUrl) + " names no host");
        if (!"http".equalsIgnoreCase(mgmt.getScheme()) && !"https".equalsIgnoreCase(mgmt.getScheme()))
            throw new IllegalArgumentException("the management URL " + redacted(managementUrl)
                    + " must start with http:// or https://, e.g. http://localhost:15672");
        if (mgmt.getHost() == null)
            throw new IllegalArgumentException("the management URL " + redacted(managementUrl) + " names no host");

        String userInfo = mgmt.getRawUserInfo() != null ? mgmt.getRawUserInfo() : amqp.getRawUserInfo();
        String user = "guest";
        String password = "guest";
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = decode(colon < 0 ? "" : userInfo.substring(colon + 1));
        }
        boolean tls = "amqps".equalsIgnoreCase(scheme);
        int port = amqp.getPort() > 0 ? amqp.getPort() : tls ? 5671 : 5672;
        int mgmtPort = mgmt.getPort() > 0 ? mgmt.getPort() : "https".equalsIgnoreCase(mgmt.getScheme()) ? 443 : 80;
        String path = mgmt.getRawPath() == null ? "" : mgmt.getRawPath();
        if (!path.endsWith("/")) path = path + "/";
        URI base = URI.create(mgmt.getScheme() + "://" + mgmt.getHost() + ":" + mgmtPort + path);
        return new BrokerAddress(amqp.getHost(), port, tls, base, vhostOf(amqp), user, password, List.of(base));
    }

    /** The vhost of an AMQP URL: its path without the leading slash, percent-decoded; "/" when empty. */
    static String vhostOf(URI amqp) {
        String raw = amqp.getRawPath();
        if (raw == null || raw.isEmpty() || raw.equals("/")) return "/";
        return decode(raw.substring(1));
    }

    /** A URL with any user:password part replaced by ***, safe to print. */
    public static String redacted(String url) {
        return url == null ? null : url.replaceAll("//[^@/]*@", "//***@");
    }

    /** The management API base without credentials, for messages. */
    public String managementDisplay() {
        return managementBase.toString();
    }

    @Override
    public String toString() {
        return (amqps ? "amqps" : "amqp") + "://" + amqpHost + ":" + amqpPort + " vhost '" + vhost
                + "' (management " + managementBase + ", user " + username + ")";
    }

    private static URI parse(String url, String what) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("the " + what + " is empty");
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the " + what + " " + redacted(url) + " is not a valid URL: "
                    + e.getReason());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
