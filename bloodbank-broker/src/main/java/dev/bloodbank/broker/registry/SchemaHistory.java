package dev.bloodbank.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.compat.CanonicalSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every key's versions as the registry stream holds them, oldest first. The stream's order is the
 * truth: a record whose schema is canonically the key's latest is a repeat (two applies of the same
 * file at once) and is dropped, and every other record is the next version, whatever number its
 * writer gave it. So two machines reading the same stream always agree on the numbers.
 */
public final class SchemaHistory {

    private final Map<String, List<SchemaVersion>> byKey;

    private SchemaHistory(Map<String, List<SchemaVersion>> byKey) {
        this.byKey = byKey;
    }

    public static SchemaHistory empty() {
        return new SchemaHistory(Map.of());
    }

    /** Folds records in stream order. */
    public static SchemaHistory of(List<SchemaVersion> records) {
        Map<String, List<SchemaVersion>> byKey = new LinkedHashMap<>();
        for (SchemaVersion record : records) {
            List<SchemaVersion> versions = byKey.computeIfAbsent(record.key(), k -> new ArrayList<>());
            if (!versions.isEmpty() && sameSchema(versions.get(versions.size() - 1).schema(), record.schema())) continue;
            versions.add(record.numbered(versions.size() + 1));
        }
        byKey.replaceAll((k, v) -> List.copyOf(v));
        return new SchemaHistory(Map.copyOf(byKey));
    }

    static boolean sameSchema(JsonNode a, JsonNode b) {
        return CanonicalSchema.of(a).equals(CanonicalSchema.of(b));
    }

    /** The keys with at least one version, sorted. */
    public List<String> keys() {
        return List.copyOf(new TreeSet<>(byKey.keySet()));
    }

    /** The key's versions, oldest first; empty for a key never applied. */
    public List<SchemaVersion> versions(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    public Optional<SchemaVersion> latest(String key) {
        List<SchemaVersion> versions = versions(key);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public Optional<SchemaVersion> version(String key, int number) {
        List<SchemaVersion> versions = versions(key);
        return number >= 1 && number <= versions.size() ? Optional.of(versions.get(number - 1)) : Optional.empty();
    }

    /** The newest version whose schema is canonically this one: the version a producer on it writes. */
    public Optional<SchemaVersion> versionOf(String key, JsonNode schema) {
        List<SchemaVersion> versions = versions(key);
        for (int i = versions.size() - 1; i >= 0; i--)
            if (sameSchema(versions.get(i).schema(), schema)) return Optional.of(versions.get(i));
        return Optional.empty();
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /**
     * The SHA-256 of every key's versions (numbers and canonical schemas). A saved plan's schema
     * steps hold only against the registry they were planned on: the next version's number, and the
     * compatibility checked against the versions there were.
     */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String key : keys())
                for (SchemaVersion v : versions(key))
                    sha.update((key + " v" + v.version() + " " + CanonicalSchema.of(v.schema()) + "\n").getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
