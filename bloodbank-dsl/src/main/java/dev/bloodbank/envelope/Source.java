package dev.bloodbank.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who published an event: host, kind of producer (service, hook, file_watch, …), application, free metadata. */
public record Source(String host, String type, String app, JsonNode meta) {

    /** The source of a Java service on this machine. */
    public static Source service(String app) {
        return new Source(localHost(), "service", app, null);
    }

    /** This machine's host name, or {@code localhost} when it has none. */
    public static String localHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
