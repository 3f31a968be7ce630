package dev.bloodbank.cli.dashboard;

import com.sun.net.httpserver.Headers;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Who may read and who may write. Reads are open to whoever reaches the socket (127.0.0.1 by
 * default), but on a loopback address only under a loopback host name, so that a web site that
 * rebinds its DNS name to 127.0.0.1 cannot read the page. Writes need the token printed at
 * start-up in a header (never a cookie: a browser sends cookies cross-site, never custom headers
 * without a CORS grant this server never gives), a JSON body, and no sign of another origin.
 */
final class WriteGuard {

    static final String TOKEN_HEADER = "X-Bloodbank-Token";

    private final String token;
    private final Set<String> loopbackHosts;

    private WriteGuard(String token, Set<String> loopbackHosts) {
        this.token = token;
        this.loopbackHosts = loopbackHosts;
    }

    static WriteGuard of(InetAddress bind, int port, String token) {
        Set<String> hosts = bind.isLoopbackAddress()
                ? Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port)
                : Set.of();
        return new WriteGuard(token, hosts);
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String token() {
        return token;
    }

    /** Any request: a loopback server answers only to loopback host names. */
    void checkHost(Headers headers) {
        if (loopbackHosts.isEmpty()) return;
        String host = headers.getFirst("Host");
        if (host == null || !loopbackHosts.contains(host.toLowerCase(Locale.ROOT)))
            throw new ApiError(403, "host '" + host + "' is not this dashboard's; open it as http://127.0.0.1 or http://localhost");
    }

    /** A request that changes something on the broker. */
    void checkWrite(Headers headers) {
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none"))
            throw new ApiError(403, "refused: a " + site + " request may not change anything");
        String origin = headers.getFirst("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + headers.getFirst("Host")))
            throw new ApiError(403, "refused: origin " + origin + " is not this dashboard");
        String type = headers.getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))
            throw new ApiError(415, "a write takes a JSON body (Content-Type: application/json)");
        String given = headers.getFirst(TOKEN_HEADER);
        if (given == null)
            throw new ApiError(401, "a write needs the token printed at start-up in the " + TOKEN_HEADER + " header");
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
            throw new ApiError(403, "wrong token in " + TOKEN_HEADER);
    }
}
