package dev.bloodbank.schema;

/**
 * The plain shape of most absolute URIs in payloads ({@code https://host:port/path?query#fragment},
 * printable ASCII only), recognised in one pass without building a {@link java.net.URI}. Every
 * string it accepts is one that networknt's {@code uri} format accepts too (parsed by
 * {@code java.net.URI}, absolute, ASCII, no bracket in the query): {@code PlainUriTest} checks that
 * on generated strings. It may refuse a valid URI (userinfo, IPv6 hosts, an empty authority); the
 * format check then asks networknt, so refusing only costs time.
 */
final class PlainUri {

    private PlainUri() {}

    static boolean accepts(String s) {
        int n = s.length();
        int i;
        if (n == 0 || !alpha(s.charAt(0))) return false;
        for (i = 1; i < n && schemeChar(s.charAt(i)); i++) {}
        if (i + 2 >= n || s.charAt(i) != ':' || s.charAt(i + 1) != '/' || s.charAt(i + 2) != '/') return false;
        i += 3;
        int host = i;
        for (; i < n && hostChar(s.charAt(i)); i++) {}
        if (i == host || !alphanumeric(s.charAt(host))) return false;
        if (i < n && s.charAt(i) == ':') {
            int port = ++i;
            for (; i < n && digit(s.charAt(i)); i++) {}
            if (i == port) return false;
        }
        if (i < n && s.charAt(i) == '/') i = part(s, i + 1, false);
        if (i >= 0 && i < n && s.charAt(i) == '?') i = part(s, i + 1, true);
        if (i >= 0 && i < n && s.charAt(i) == '#') i = part(s, i + 1, true);
        return i == n;
    }

    /** The end of a path (or with {@code queryOrFragment}, a query or fragment) starting at {@code i}; -1 on a bad escape. */
    private static int part(String s, int i, boolean queryOrFragment) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= n || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) return -1;
                i += 3;
            } else if (pathChar(c) || (queryOrFragment && (c == '/' || c == '?'))) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private static boolean pathChar(char c) {
        // RFC 3986 pchar and "/": unreserved, sub-delims, ':' and '@', all of which java.net.URI takes in a path
        return alphanumeric(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean schemeChar(char c) {
        return alphanumeric(c) || c == '+' || c == '-' || c == '.';
    }

    private static boolean hostChar(char c) {
        return alphanumeric(c) || c == '-' || c == '.';
    }

    private static boolean alpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alphanumeric(char c) {
        return alpha(c) || digit(c);
    }

    private static boolean hex(char c) {
        return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
