package dev.bloodbank.broker.management;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RabbitMQ management HTTP API of one vhost: the four listings the reconciler reads, and the
 * declarations and deletions it makes. Thread-safe; one instance may serve parallel requests.
 * Listings trim their columns, so that reading a vhost with thousands of objects stays a few
 * small responses.
 */
public final class ManagementClient {

    /** How many times a read that the broker failed (5xx) is asked again. */
    private static final int READ_RETRIES = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Leaves each object's statistics out of a queue listing: their rates and counters are
     * gathered per queue from the statistics database, which costs the broker three times what
     * the rest of the listing does. Brokers before 3.8 ignore it and send them anyway.
     */
    private static final String WITHOUT_STATISTICS = "disable_stats=true";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final BrokerAddress address;
    private final HttpExchange http = new HttpExchange(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private final String authorization;
    private final String vhostSegment;
    /** The management URLs in the order to try them, the one that last answered first. */
    private final List<URI> bases;
    private volatile int current;

    public ManagementClient(BrokerAddress address) {
        this.address = address;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (address.username() + ":" + address.password()).getBytes(StandardCharsets.UTF_8));
        this.vhostSegment = segment(address.vhost());
        List<URI> shuffled = new ArrayList<>(address.managementBases().isEmpty() ? List.of(address.managementBase())
                : address.managementBases());
        java.util.Collections.shuffle(shuffled);
        this.bases = List.copyOf(shuffled);
    }

    public BrokerAddress address() {
        return address;
    }

    public String vhost() {
        return address.vhost();
    }

    /** Percent-encodes one path segment, {@code /} included, as the management API expects. */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- reading ------------------------------------------------------------------------------

    public List<ExchangeInfo> exchanges() {
        List<ExchangeInfo> out = new ArrayList<>();
        for (JsonNode e : list("exchanges", "name,type,durable,auto_delete,internal,arguments,policy")) {
            out.add(new ExchangeInfo(text(e, "name"), text(e, "type"), e.path("durable").asBoolean(),
                    e.path("auto_delete").asBoolean(), e.path("internal").asBoolean(), map(e.get("arguments")),
                    e.hasNonNull("policy") ? e.get("policy").asText() : null));
        }
        return out;
    }

    public List<QueueInfo> queues() {
        List<QueueInfo> out = new ArrayList<>();
        // Without statistics: gathering them for a thousand queues is most of the broker's work on
        // this listing (0.17-0.39 s of its CPU against 0.06-0.12 s). Nor with the queues' totals
        // (enable_queue_totals), which the broker asks each queue for: once, in the fault suite, with a
        // node just killed, that listing came back without a single quorum queue or stream. The few
        // counts a plan shows are read one queue at a time (queueMessages).
        for (JsonNode q : list("queues", "name,type,durable,auto_delete,exclusive,arguments,state", WITHOUT_STATISTICS)) {
            out.add(new QueueInfo(text(q, "name"), text(q, "type"), q.path("durable").asBoolean(),
                    q.path("auto_delete").asBoolean(), q.path("exclusive").asBoolean(), map(q.get("arguments")),
                    null, q.hasNonNull("state") ? q.get("state").asText() : null));
        }
        return out;
    }

    /**
     * The broker's last sample of one queue's messages (ready and unacknowledged), seconds behind
     * it; null when there is no sample yet or no such queue.
     */
    public Long queueMessages(String queue) {
        try {
            JsonNode n = get("queues/" + vhostSegment + "/" + segment(queue) + "?columns=messages",
                    "read the message count of queue " + queue);
            return n.hasNonNull("messages") ? n.get("messages").asLong() : null;
        } catch (ManagementException e) {
            if (e.reason() == ManagementException.Reason.NOT_FOUND) return null;
            throw e;
        }
    }

    public List<BindingInfo> bindings() {
        List<BindingInfo> out = new ArrayList<>();
        for (JsonNode b : list("bindings", "source,destination,destination_type,routing_key,arguments,properties_key")) {
            out.add(new BindingInfo(text(b, "source"), text(b, "destination"), text(b, "destination_type"),
                    text(b, "routing_key"), map(b.get("arguments")), text(b, "properties_key")));
        }
        return out;
    }

    public List<PolicyInfo> policies() {
        List<PolicyInfo> out = new ArrayList<>();
        for (JsonNode p : list("policies", null)) {
            out.add(new PolicyInfo(text(p, "name"), text(p, "pattern"), text(p, "apply-to"),
                    p.path("priority").asInt(), map(p.get("definition"))));
        }
        return out;
    }

    /**
     * The traffic of every queue of the vhost: depth, consumers and message rates, from the
     * statistics database (seconds behind the queues; rates average over its last sample window).
     */
    public List<QueueStats> queueStats() {
        List<QueueStats> out = new ArrayList<>();
        for (JsonNode q : list("queues", "name,messages_ready,messages_unacknowledged,consumers,"
                + "message_stats.publish_details.rate,message_stats.deliver_get_details.rate")) {
            JsonNode rates = q.path("message_stats");
            out.add(new QueueStats(text(q, "name"), longOrNull(q, "messages_ready"),
                    longOrNull(q, "messages_unacknowledged"), longOrNull(q, "consumers"),
                    rates.path("publish_details").path("rate").asDouble(0),
                    rates.path("deliver_get_details").path("rate").asDouble(0)));
        }
        return out;
    }

    /** Every consumer attached to a queue of the vhost now. */
    public List<ConsumerInfo> consumers() {
        List<ConsumerInfo> out = new ArrayList<>();
        // The consumers listing takes no column filter; its entries are small.
        for (JsonNode c : list("consumers", null)) {
            JsonNode channel = c.path("channel_details");
            out.add(new ConsumerInfo(c.path("queue").path("name").asText(""), text(c, "consumer_tag"),
                    channel.path("connection_name").asText(""), channel.path("peer_host").asText(""),
                    c.path("prefetch_count").asInt(0), c.path("active").asBoolean(true)));
        }
        return out;
    }

    // ---- the cluster ----------------------------------------------------------------------------

    /** Every node of the cluster, running or not, with its resource counters and alarms. */
    public List<NodeInfo> nodes() {
        List<NodeInfo> out = new ArrayList<>();
        for (JsonNode n : get("nodes?columns=name,running,applications,fd_used,fd_total,sockets_used,sockets_total,"
                + "mem_alarm,disk_free_alarm,partitions", "list nodes")) {
            String version = "";
            for (JsonNode app : n.path("applications")) {
                if ("rabbit".equals(app.path("name").asText())) version = app.path("version").asText();
            }
            List<String> partitions = new ArrayList<>();
            n.path("partitions").forEach(p -> partitions.add(p.asText()));
            out.add(new NodeInfo(text(n, "name"), n.path("running").asBoolean(), version, n.path("fd_used").asLong(),
                    n.path("fd_total").asLong(), n.path("sockets_used").asLong(), n.path("sockets_total").asLong(),
                    n.path("mem_alarm").asBoolean(), n.path("disk_free_alarm").asBoolean(), partitions));
        }
        return out;
    }

    public List<FeatureFlagInfo> featureFlags() {
        List<FeatureFlagInfo> out = new ArrayList<>();
        for (JsonNode f : get("feature-flags", "list feature flags")) {
            out.add(new FeatureFlagInfo(text(f, "name"), text(f, "state"), text(f, "stability")));
        }
        return out;
    }

    /** The limits set on this client's vhost ({@code max-queues}, {@code max-connections}); empty when none. */
    public Map<String, Long> vhostLimits() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode l : get("vhost-limits/" + vhostSegment, "read the limits of vhost " + address.vhost())) {
            l.path("value").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        }
        return out;
    }

    /**
     * The quorum queues of every vhost: where each one's leader runs and which nodes host its
     * members. Each member reserves file handles that the nodes' {@code fd_used} does not count.
     */
    public List<QuorumMembers> quorumQueues() {
        List<QuorumMembers> out = new ArrayList<>();
        for (JsonNode q : get("queues?" + WITHOUT_STATISTICS + "&columns=name,vhost,type,leader,members,online",
                "list the queues of every vhost")) {
            if (!"quorum".equals(text(q, "type"))) continue;
            List<String> members = new ArrayList<>();
            q.path("members").forEach(m -> members.add(m.asText()));
            List<String> online = new ArrayList<>();
            q.path("online").forEach(m -> online.add(m.asText()));
            out.add(new QuorumMembers(text(q, "vhost"), text(q, "name"), text(q, "leader"), members, online));
        }
        return out;
    }

    /** How many queues this client's vhost holds now, of every type and owner. */
    public int queueCount() {
        return list("queues", "name", WITHOUT_STATISTICS).size();
    }

    // ---- writing ------------------------------------------------------------------------------

    public void declareExchange(ExchangeInfo exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", exchange.type());
        body.put("durable", exchange.durable());
        body.put("auto_delete", exchange.autoDelete());
        body.put("internal", exchange.internal());
        body.put("arguments", exchange.arguments());
        send("PUT", "exchanges/" + vhostSegment + "/" + segment(exchange.name()), body, "declare exchange " + exchange.name());
    }

    public void declareQueue(QueueInfo queue) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("durable", queue.durable());
        body.put("auto_delete", queue.autoDelete());
        body.put("arguments", queue.arguments());
        send("PUT", "queues/" + vhostSegment + "/" + segment(queue.name()), body, "declare queue " + queue.name());
    }

    public void bind(BindingInfo binding) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", binding.routingKey());
        body.put("arguments", binding.arguments());
        send("POST", "bindings/" + vhostSegment + "/e/" + segment(binding.source()) + "/" + destinationLetter(binding)
                + "/" + segment(binding.destination()), body, "bind " + describe(binding));
    }

    /** Removes a binding read from the broker (it needs the API's {@code properties_key}); a missing one is fine. */
    public void unbind(BindingInfo binding) {
        if (binding.propertiesKey() == null)
            throw new IllegalArgumentException("binding " + describe(binding) + " was not read from the broker");
        sendTolerating404("DELETE", "bindings/" + vhostSegment + "/e/" + segment(binding.source()) + "/"
                + destinationLetter(binding) + "/" + segment(binding.destination()) + "/"
                + segment(binding.propertiesKey()), "unbind " + describe(binding));
    }

    public void putPolicy(PolicyInfo policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pattern", policy.pattern());
        body.put("definition", policy.definition());
        body.put("priority", policy.priority());
        body.put("apply-to", policy.applyTo());
        send("PUT", "policies/" + vhostSegment + "/" + segment(policy.name()), body, "set policy " + policy.name());
    }

    public void deletePolicy(String name) {
        sendTolerating404("DELETE", "policies/" + vhostSegment + "/" + segment(name), "delete policy " + name);
    }

    /**
     * Deletes a queue. With {@code onlyIfEmptyAndUnused} the broker itself refuses (atomically) when
     * the queue holds a message or has a consumer, with a {@link ManagementException.Reason#PRECONDITION_FAILED}:
     * no message that arrives between a check and the delete can be lost. Classic queues support this;
     * quorum queues in RabbitMQ 3.x refuse the flags (callers must fence and probe, see {@link QueueProbe}).
     */
    public void deleteQueue(String name, boolean onlyIfEmptyAndUnused) {
        String query = onlyIfEmptyAndUnused ? "?if-empty=true&if-unused=true" : "";
        sendTolerating404("DELETE", "queues/" + vhostSegment + "/" + segment(name) + query, "delete queue " + name);
    }

    /** Deletes an exchange; with {@code onlyIfUnused} the broker refuses while any binding has it as source. */
    public void deleteExchange(String name, boolean onlyIfUnused) {
        String query = onlyIfUnused ? "?if-unused=true" : "";
        sendTolerating404("DELETE", "exchanges/" + vhostSegment + "/" + segment(name) + query, "delete exchange " + name);
    }

    /**
     * Creates this client's vhost, if missing, and gives its user configure, write and read
     * permissions on it: for tools that work in a vhost of their own (benchmarks, scratch runs).
     */
    public void createVhost() {
        send("PUT", "vhosts/" + vhostSegment, Map.of(), "create vhost " + address.vhost());
        send("PUT", "permissions/" + vhostSegment + "/" + segment(address.username()),
                Map.of("configure", ".*", "write", ".*", "read", ".*"),
                "grant user " + address.username() + " permissions on vhost " + address.vhost());
    }

    /** Deletes this client's vhost with everything in it; a missing vhost is fine. */
    public void deleteVhost() {
        sendTolerating404("DELETE", "vhosts/" + vhostSegment, "delete vhost " + address.vhost());
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    private JsonNode list(String collection, String columns) {
        return list(collection, columns, null);
    }

    /** A listing of the vhost's {@code collection}, trimmed to {@code columns} (all when null), with more query parameters. */
    private JsonNode list(String collection, String columns, String query) {
        StringBuilder path = new StringBuilder(collection).append('/').append(vhostSegment);
        if (columns != null) path.append("?columns=").append(columns);
        if (query != null) path.append(columns == null ? '?' : '&').append(query);
        HttpExchange.Answer r = exchange("GET", path.toString(), null, "list " + collection);
        if (r.status() == 404)
            throw new ManagementException(ManagementException.Reason.NOT_FOUND, 404, "vhost '" + address.vhost()
                    + "' does not exist on " + address.managementDisplay() + " (create it with: rabbitmqctl add_vhost "
                    + address.vhost() + ", or fix the path of the AMQP URL)");
        check(r, "list " + collection);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ManagementException(ManagementException.Reason.REJECTED, r.status(),
                    "the management API at " + address.managementDisplay() + " answered " + collection
                            + " with something that is not JSON; is this URL the RabbitMQ management plugin?");
        }
    }

    private JsonNode get(String path, String what) {
        HttpExchange.Answer r = exchange("GET", path, null, what);
        // A listing across vhosts answers 500 while one of them is being deleted; a read is
        // idempotent, so it is asked again a few times before the failure is the user's.
        for (int retry = 1; r.status() >= 500 && retry <= READ_RETRIES; retry++) {
            pause(retry * 200L);
            r = exchange("GET", path, null, what);
        }
        check(r, what);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ManagementException(ManagementException.Reason.REJECTED, r.status(),
                    "the management API at " + address.managementDisplay() + " answered '" + what
                            + "' with something that is not JSON; is this URL the RabbitMQ management plugin?");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String method, String path, Object body, String what) {
        try {
            check(exchange(method, path, body == null ? null : JSON.writeValueAsString(body), what), what);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode the request body of " + method + " " + path, e);
        }
    }

    private void sendTolerating404(String method, String path, String what) {
        HttpExchange.Answer r = exchange(method, path, null, what);
        if (r.status() != 404) check(r, what);
    }

    /**
     * Sends to the node that answered last; a node that cannot be reached (refused, connect
     * timeout) hands the request to the next one of the list, so that one node down does not
     * take the management API with it. A request that reached a node is not sent to another.
     */
    private HttpExchange.Answer exchange(String method, String path, String json, String what) {
        int start = current;
        for (int i = 0; ; i++) {
            int index = (start + i) % bases.size();
            try {
                HttpExchange.Answer answer = exchangeWith(method, bases.get(index).resolve("api/" + path), json, what);
                current = index;
                return answer;
            } catch (ManagementException e) {
                boolean notReached = e.getCause() instanceof ConnectException || e.getCause() instanceof HttpExchange.ConnectTimeout;
                if (!notReached || i == bases.size() - 1) throw e;
            }
        }
    }

    private HttpExchange.Answer exchangeWith(String method, URI target, String json, String what) {
        try {
            return http.send(method, target, authorization, json);
        } catch (HttpExchange.ConnectTimeout e) {
            throw unreachable("connection timed out", e);
        } catch (HttpExchange.AnswerTimeout e) {
            throw new ManagementException(ManagementException.Reason.UNREACHABLE,
                    "the management API at " + address.managementDisplay() + " did not answer '" + what
                            + "' within 30 s", e);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    private ManagementException unreachable(String why, Throwable cause) {
        return new ManagementException(ManagementException.Reason.UNREACHABLE,
                "cannot reach the RabbitMQ management API at " + address.managementDisplay() + " (" + why
                        + "); is the broker running with the rabbitmq_management plugin enabled?", cause);
    }

    private void check(HttpExchange.Answer r, String what) {
        int status = r.status();
        if (status / 100 == 2) return;
        String reason = reasonOf(r.body());
        if (status == 401 && reason.toLowerCase(java.util.Locale.ROOT).contains("login failed"))
            throw new ManagementException(ManagementException.Reason.UNAUTHORIZED, status, "the management API at "
                    + address.managementDisplay() + " refused the credentials of user '" + address.username()
                    + "' (401); check the user and password in the URL");
        if (status == 401 || status == 403)
            throw new ManagementException(ManagementException.Reason.UNAUTHORIZED, status, "user '"
                    + address.username() + "' may not " + what + " in vhost '" + address.vhost() + "' (" + status
                    + ": " + reason + "); it needs the management tag and configure, write and read permissions on the vhost");
        if (status == 404)
            throw new ManagementException(ManagementException.Reason.NOT_FOUND, status, what + ": not found (" + reason + ")");
        if (status == 400 && (reason.contains("not empty") || reason.contains("in use")))
            throw new ManagementException(ManagementException.Reason.PRECONDITION_FAILED, status, what + ": " + reason);
        throw new ManagementException(ManagementException.Reason.REJECTED, status,
                what + " was refused by the broker (" + status + "): " + reason);
    }

    private static String reasonOf(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n.hasNonNull("reason")) return n.get("reason").asText();
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw body
        }
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private static String destinationLetter(BindingInfo b) {
        return "exchange".equals(b.destinationType()) ? "e" : "q";
    }

    private static String describe(BindingInfo b) {
        return b.source() + " -> " + b.destination() + " [" + b.routingKey() + "]";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static Map<String, Object> map(JsonNode node) {
        if (node == null || !node.isObject()) return Map.of();
        Map<String, Object> raw = JSON.convertValue(node, MAP);
        raw.values().removeIf(v -> v == null);
        return raw;
    }
}
