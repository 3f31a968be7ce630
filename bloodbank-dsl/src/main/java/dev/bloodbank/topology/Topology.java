package dev.bloodbank.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable model of one topology.yaml: every event, command and subscription, with the
 * defaults already applied. Maps keep declaration order, so everything derived from them
 * (listings, plans, descriptions) is stable across runs.
 */
public record Topology(
        String apiVersion,
        Exchanges exchanges,
        Defaults defaults,
        Map<String, EventDefinition> events,
        Map<String, CommandDefinition> commands,
        Map<String, Subscription> subscriptions,
        Path source,
        Archive archive) {

    public static final String API_VERSION = "bloodbank/v1";

    public Topology {
        java.util.Objects.requireNonNull(archive, "archive");
        events = unmodifiableCopy(events);
        commands = unmodifiableCopy(commands);
        subscriptions = unmodifiableCopy(subscriptions);
    }

    /** A topology without an archive, as tests and tools build them in code. */
    public Topology(String apiVersion, Exchanges exchanges, Defaults defaults, Map<String, EventDefinition> events,
            Map<String, CommandDefinition> commands, Map<String, Subscription> subscriptions, Path source) {
        this(apiVersion, exchanges, defaults, events, commands, subscriptions, source, Archive.OFF);
    }

    /** The same topology with another archive. */
    public Topology withArchive(Archive archive) {
        return new Topology(apiVersion, exchanges, defaults, events, commands, subscriptions, source, archive);
    }

    /**
     * Loads and validates a topology file.
     *
     * @throws TopologyException with every problem found, when the file has errors
     */
    public static Topology load(Path file) {
        return TopologyLoader.load(TopologySource.file(file), SchemaChecks.AT_LOAD);
    }

    /**
     * Loads and validates a topology from a file or classpath resources.
     *
     * @throws TopologyException with every problem found, when the topology has errors
     */
    public static Topology load(TopologySource source) {
        return TopologyLoader.load(source, SchemaChecks.AT_LOAD);
    }

    /**
     * Loads a topology with its schemas compiled when {@code checks} says: for a command that
     * never validates a payload, {@link SchemaChecks#ON_FIRST_USE} skips nearly all the work.
     *
     * @throws TopologyException with every problem found, when the topology has errors
     */
    public static Topology load(TopologySource source, SchemaChecks checks) {
        return TopologyLoader.load(source, java.util.Objects.requireNonNull(checks, "checks"));
    }

    /** Validates a topology file: every problem, warnings included, and the topology when it has no errors. */
    public static ValidationReport validate(Path file) {
        return TopologyLoader.validate(TopologySource.file(file));
    }

    /** Validates a topology from a file or classpath resources. */
    public static ValidationReport validate(TopologySource source) {
        return TopologyLoader.validate(source);
    }

    public Optional<EventDefinition> event(String key) {
        return Optional.ofNullable(events.get(key));
    }

    public Optional<CommandDefinition> command(String key) {
        return Optional.ofNullable(commands.get(key));
    }

    /** The event or command with this key. */
    public Optional<MessageDefinition> message(String key) {
        MessageDefinition found = events.get(key);
        return Optional.ofNullable(found != null ? found : commands.get(key));
    }

    public Optional<Subscription> subscription(String service) {
        return Optional.ofNullable(subscriptions.get(service));
    }

    /** Every event and command, events first, each in declaration order. */
    public List<MessageDefinition> messages() {
        List<MessageDefinition> all = new ArrayList<>(events.size() + commands.size());
        all.addAll(events.values());
        all.addAll(commands.values());
        return List.copyOf(all);
    }

    /**
     * Up to three declared event or command keys that look like one that is not declared, closest
     * first: the keys a user probably meant. Falls back to keys containing the text.
     */
    public List<String> similarKeys(String key) {
        List<String> keys = new ArrayList<>(events.keySet());
        keys.addAll(commands.keySet());
        List<String> similar = Suggestions.nearest(key, keys, 3);
        if (!similar.isEmpty() || key.isBlank()) return similar;
        String needle = key.toLowerCase(Locale.ROOT);
        return keys.stream().filter(k -> k.contains(needle)).limit(3).toList();
    }

    /** The subscriptions whose patterns match this event key. */
    public List<Subscription> subscribersOf(String eventKey) {
        return subscriptions.values().stream().filter(s -> s.receives(eventKey)).toList();
    }

    private static <V> Map<String, V> unmodifiableCopy(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
