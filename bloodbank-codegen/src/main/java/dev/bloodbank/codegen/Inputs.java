package dev.bloodbank.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * What the generated sources depend on: the topology file, the schema files it names, the
 * package and the generator's version. Their fingerprint is read without loading the topology, so
 * that an unchanged build decides to do nothing in a few milliseconds.
 */
final class Inputs {

    /** Bumped whenever the generator's output changes, so that sources written by an older one are replaced. */
    static final String GENERATOR_VERSION = "1";

    /** The fingerprint of inputs that could not all be read: never up to date. */
    static final String UNKNOWN = "unknown";

    private Inputs() {}

    /**
     * The SHA-256 of everything the output depends on. A file that cannot be read or parsed counts
     * as changed: the loader then reports what is wrong with it.
     */
    static String fingerprint(Path topologyFile, String packageName) {
        MessageDigest digest = sha256();
        update(digest, "generator " + GENERATOR_VERSION + "\npackage " + packageName + "\n");
        byte[] topology = read(topologyFile);
        if (topology == null) return UNKNOWN;
        digest.update(topology);
        TreeSet<String> schemaFiles = new TreeSet<>();
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(topology);
            for (String section : new String[] {"events", "commands"})
                for (JsonNode message : root.path(section))
                    if (message.path("schemaFile").isTextual()) schemaFiles.add(message.path("schemaFile").asText());
        } catch (IOException e) {
            return UNKNOWN;
        }
        Path directory = topologyFile.toAbsolutePath().getParent();
        for (String schemaFile : schemaFiles) {
            byte[] schema = read(directory.resolve(schemaFile));
            if (schema == null) return UNKNOWN;
            update(digest, "\n" + schemaFile + "\n");
            digest.update(schema);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
