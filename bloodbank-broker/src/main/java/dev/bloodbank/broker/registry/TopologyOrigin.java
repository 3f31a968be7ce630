package dev.bloodbank.broker.registry;

import dev.bloodbank.topology.TopologySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which topology file a schema version came from: its path as given and the SHA-256 of its text,
 * so that two machines applying the same file are seen to be one source, and an edit is not.
 */
public record TopologyOrigin(String path, String sha256) {

    /** Largest topology read for its hash; the loader refuses larger ones anyway. */
    private static final long LIMIT = 64L * 1024 * 1024;

    public static TopologyOrigin of(TopologySource source) {
        try {
            return new TopologyOrigin(source.path().toString(), sha256(source.read(LIMIT)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.path() + " to record where its schemas came from", e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
