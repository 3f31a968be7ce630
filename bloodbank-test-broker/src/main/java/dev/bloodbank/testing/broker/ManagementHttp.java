package dev.bloodbank.testing.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small client of the RabbitMQ management HTTP API for test set-up and assertions. Kept apart
 * from the product's own client on purpose: tests check the product against an independent view.
 */
public final class ManagementHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder()
                    // Plain HTTP/1.1: the h2c upgrade the JDK client tries by default makes the
                    // management API close the connection on requests with a body.
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(3))
                    .build();
    private final URI base;
    private final String authorization;

    public ManagementHttp(URI base, String username, String password) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes one path segment, {@code /} included, as the management API expects. */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** GET api/{path}; null when the object does not exist. */
    public JsonNode get(String path) {
        HttpResponse<String> r = send(request(path).GET());
        if (r.statusCode() == 404) return null;
        check(r, "GET", path);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " returned no JSON: " + r.body(), e);
        }
    }

    public void put(String path, Object body) {
        try {
            String json = JSON.writeValueAsString(body);
            check(send(request(path).header("content-type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json))), "PUT", path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void post(String path, Object body) {
        try {
            String json = JSON.writeValueAsString(body);
            check(send(request(path).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))), "POST", path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DELETE api/{path}; a missing object is fine. */
    public void delete(String path) {
        HttpResponse<String> r = send(request(path).DELETE());
        if (r.statusCode() != 404) check(r, "DELETE", path);
    }

    /** Whether the API answers these credentials. */
    boolean answers() {
        try {
            HttpResponse<String> r = http.send(request("overview").GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve("api/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("management API at " + base + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void check(HttpResponse<String> r, String method, String path) {
        if (r.statusCode() / 100 != 2)
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
    }
}
