package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.BindingInfo;
import dev.bloodbank.broker.management.ExchangeInfo;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.PolicyInfo;
import dev.bloodbank.broker.management.QueueInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What one vhost holds right now, read with four list calls. Besides the objects it keeps what
 * only the broker knows: message counts (from statistics, so they may lag), each binding's
 * {@code properties_key} (needed to delete it), each exchange's effective policy, and which
 * queues are down: the broker lists no bindings of a classic queue while its node is not running.
 */
public record LiveState(
        List<Exchange> exchanges,
        List<Queue> queues,
        List<Binding> bindings,
        List<Policy> policies,
        Map<String, Long> queueMessages,
        Map<String, String> bindingKeys,
        Map<String, String> exchangePolicies,
        Set<String> queuesDown) {

    /** A state with every queue up. */
    public LiveState(List<Exchange> exchanges, List<Queue> queues, List<Binding> bindings, List<Policy> policies,
            Map<String, Long> queueMessages, Map<String, String> bindingKeys, Map<String, String> exchangePolicies) {
        this(exchanges, queues, bindings, policies, queueMessages, bindingKeys, exchangePolicies, Set.of());
    }

    public LiveState {
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        bindings = List.copyOf(bindings);
        policies = List.copyOf(policies);
        queueMessages = Map.copyOf(queueMessages);
        bindingKeys = Map.copyOf(bindingKeys);
        exchangePolicies = Map.copyOf(exchangePolicies);
        queuesDown = Set.copyOf(queuesDown);
    }

    /** An empty vhost. */
    public static LiveState empty() {
        return new LiveState(List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * Reads the vhost of this client; the four listings run in parallel, on threads of their own
     * (the common pool has a single worker on a two-core machine).
     */
    public static LiveState read(ManagementClient client) {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bloodbank-read");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<List<ExchangeInfo>> exchanges = async(client::exchanges, pool);
            CompletableFuture<List<QueueInfo>> queues = async(client::queues, pool);
            CompletableFuture<List<BindingInfo>> bindings = async(client::bindings, pool);
            CompletableFuture<List<PolicyInfo>> policies = async(client::policies, pool);
            return of(exchanges.join(), queues.join(), bindings.join(), policies.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Builds the state from management API listings; the default exchange's implicit bindings are left out. */
    static LiveState of(List<ExchangeInfo> exchanges, List<QueueInfo> queues, List<BindingInfo> bindings,
            List<PolicyInfo> policies) {
        List<Exchange> ex = new ArrayList<>();
        Map<String, String> exchangePolicies = new LinkedHashMap<>();
        for (ExchangeInfo e : exchanges) {
            if (e.name().isEmpty()) continue;
            ex.add(Exchange.from(e));
            if (e.policy() != null) exchangePolicies.put(e.name(), e.policy());
        }
        List<Queue> qs = new ArrayList<>();
        Map<String, Long> messages = new LinkedHashMap<>();
        Set<String> down = new HashSet<>();
        for (QueueInfo q : queues) {
            qs.add(Queue.from(q));
            if (q.messages() != null) messages.put(q.name(), q.messages());
            if (q.isDown()) down.add(q.name());
        }
        List<Binding> bs = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (BindingInfo b : bindings) {
            if (b.source().isEmpty()) continue;
            Binding binding = Binding.from(b);
            bs.add(binding);
            keys.put(binding.id(), b.propertiesKey());
        }
        return new LiveState(ex, qs, bs, policies.stream().map(Policy::from).toList(), messages, keys, exchangePolicies, down);
    }

    /** Every object, in creation order. */
    public List<BrokerObject> objects() {
        List<BrokerObject> all = new ArrayList<>(exchanges.size() + queues.size() + bindings.size() + policies.size());
        all.addAll(exchanges);
        all.addAll(queues);
        all.addAll(bindings);
        all.addAll(policies);
        return all;
    }

    /**
     * A digest of the objects (kind, id and properties of each, in a canonical order): equal
     * digests mean a plan computed on one state is still right for the other. Message counts and
     * effective policies are left out: counts move with every publish, and apply asks each queue
     * for its own count before deleting anything. So are exclusive queues and their bindings
     * (a {@code tail} or reply queue): they live and die with one connection, Bloodbank never
     * plans to change them, and apply checks bindings on its exchanges when it acts.
     */
    public String digest() {
        Set<String> exclusive = new HashSet<>();
        for (Queue q : queues) if (q.exclusive()) exclusive.add(q.name());
        List<String> lines = new ArrayList<>();
        for (BrokerObject o : objects()) {
            if (o instanceof Queue q && q.exclusive()) continue;
            if (o instanceof Binding b && "queue".equals(b.destinationType()) && exclusive.contains(b.destination())) continue;
            lines.add(o.kind() + " " + o.id() + " " + new TreeMap<>(o.properties()));
        }
        Collections.sort(lines);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The message count last reported for a queue, or null when the statistics have none yet. */
    public Long messages(String queue) {
        return queueMessages.get(queue);
    }

    BindingInfo bindingInfo(Binding binding) {
        return binding.toInfo(bindingKeys.get(binding.id()));
    }

    private static <T> CompletableFuture<T> async(Supplier<T> call, ExecutorService pool) {
        return CompletableFuture.supplyAsync(call, pool);
    }
}
