package dev.bloodbank.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The JSON API behind every view (documented in docs/dashboard.md) and the page's assets. Every
 * handler answers, whatever goes wrong: a refusal or a broker failure is a JSON {@code error}
 * with its status, never a dropped connection.
 */
final class HttpApi implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    /** The page loads only what it ships: no inline script, no other origin, never framed. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final int LARGEST_BODY = 64 * 1024;

    private final GraphView graph;
    private final FlowSampler sampler;
    private final DeadLetters deadLetters;
    private final WriteGuard guard;
    private final Assets assets;
    private final ArchiveRoutes archive;

    HttpApi(GraphView graph, FlowSampler sampler, DeadLetters deadLetters, WriteGuard guard, Assets assets,
            ArchiveRoutes archive) {
        this.archive = archive;
        this.graph = graph;
        this.sampler = sampler;
        this.deadLetters = deadLetters;
        this.guard = guard;
        this.assets = assets;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                guard.checkHost(exchange.getRequestHeaders());
                route(exchange);
            } catch (ApiError e) {
                sendJson(exchange, e.status(), Map.of("error", e.getMessage()));
            } catch (RuntimeException e) {
                // The broker went away mid-request, or something unforeseen: the client gets a line, the server lives on.
                sendJson(exchange, 502, Map.of("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        } catch (IOException e) {
            // The client hung up; nothing to tell it.
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (ArchiveRoutes.serves(path)) {
            read(exchange, method, () -> archive.answer(path, query(exchange)));
            return;
        }
        if (path.startsWith("/api/")) {
            switch (path) {
                case "/api/topology" -> read(exchange, method, () -> graph);
                case "/api/flow" -> read(exchange, method, sampler::current);
                case "/api/dead-letters" -> read(exchange, method, () -> {
                    Map<String, String> query = query(exchange);
                    return deadLetters.browse(required(query, "queue"), count(query.getOrDefault("max", "20")));
                });
                case "/api/dead-letters/replay" -> replay(exchange, method);
                default -> throw new ApiError(404, "no API at " + path + " (see docs/dashboard.md)");
            }
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) throw new ApiError(405, method + " is not allowed on " + path);
        Assets.Asset asset = assets.find(path).orElseThrow(() -> new ApiError(404, "nothing at " + path));
        exchange.getResponseHeaders().set("Content-Type", asset.contentType());
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        send(exchange, 200, asset.bytes());
    }

    private void read(HttpExchange exchange, String method, Supplier<Object> view) throws IOException {
        if (!method.equals("GET")) throw new ApiError(405, method + " is not allowed here; use GET");
        sendJson(exchange, 200, view.get());
    }

    private void replay(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) throw new ApiError(405, method + " is not allowed here; use POST");
        guard.checkWrite(exchange.getRequestHeaders());
        JsonNode body = body(exchange);
        String queue = body.path("queue").asText(null);
        if (queue == null || queue.isBlank()) throw new ApiError(400, "the body needs \"queue\": the work queue whose dead letters to replay");
        Set<String> ids = new LinkedHashSet<>();
        JsonNode given = body.path("messageIds");
        if (!given.isMissingNode() && !given.isArray()) throw new ApiError(400, "\"messageIds\" must be an array of message ids");
        for (JsonNode id : given) ids.add(id.asText());
        sendJson(exchange, 200, deadLetters.replay(queue, ids));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(LARGEST_BODY + 1);
            if (bytes.length > LARGEST_BODY) throw new ApiError(413, "the body is larger than " + LARGEST_BODY + " bytes");
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) throw new ApiError(400, "the body must be a JSON object");
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) throw new ApiError(400, "the query needs ?" + name + "=");
        return value;
    }

    private static int count(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(400, "max must be a whole number from 1 to " + DeadLetters.MOST_SHOWN + ", was '" + value + "'");
    }

    private static void sendJson(HttpExchange exchange, int status, Object value) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, JSON.writeValueAsBytes(value));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (head) return;
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
