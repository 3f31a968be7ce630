package dev.bloodbank.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Keeps composed YAML documents on disk by the SHA-256 of their text, as Python keeps compiled
 * modules. Composing is most of loading a large topology: SnakeYAML takes about 0.35 s for the
 * 575 KB of a 600-event catalog in a fresh JVM, most of it running its scanner before the JIT has
 * compiled it, while reading back the node tree it made takes a fraction of that. A command line
 * run pays this on every call; a service loads its topology once, so only the CLI turns the cache
 * on ({@link #useDirectory}).
 *
 * <p>A document is found only for exactly the text it was composed from, by the same SnakeYAML
 * (the digest covers the text and the jar that SnakeYAML was loaded from), so an edited file, a
 * new release or another file never meets a stale tree; a text that did not compose (a located
 * error) is never kept. Any trouble with the directory (read-only, full, a damaged entry) makes the
 * cache step aside: the text is composed as without it. The {@value #KEEP} most recently used
 * documents are kept.
 */
public final class ComposeCache {

    private static final System.Logger LOG = System.getLogger(ComposeCache.class.getName());
    /** Bumped whenever {@link ComposedNodes}' format changes. */
    private static final byte[] FORMAT = "bloodbank-composed-nodes-1".getBytes(StandardCharsets.US_ASCII);
    static final int KEEP = 32;
    private static final String SUFFIX = ".nodes";

    private static volatile ComposeCache active;

    private final Path directory;
    private final byte[] composer;
    /** Texts found and not found, for the tests and for whoever wonders whether the cache works. */
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();

    private ComposeCache(Path directory, byte[] composer) {
        this.directory = directory;
        this.composer = composer;
    }

    /** Keeps composed documents in {@code directory} (made when first written) from now on, in this process. */
    public static void useDirectory(Path directory) {
        active = new ComposeCache(directory, composerIdentity());
    }

    /** Composes every text again from now on, in this process. */
    public static void off() {
        active = null;
    }

    /** The cache in use, or null. */
    static ComposeCache active() {
        return active;
    }

    /** The key of a text: what a cached tree must have been composed from. */
    byte[] key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(FORMAT);
            sha.update(composer);
            return sha.digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The tree composed earlier from the text of {@code key}, or null. */
    Node read(byte[] key) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            misses.incrementAndGet();
            return null; // not cached (or unreadable: composing is the answer either way)
        }
        try {
            if (bytes.length < key.length || !Arrays.equals(bytes, 0, key.length, key, 0, key.length))
                throw new IllegalArgumentException("its key does not match its name");
            Node root = ComposedNodes.read(bytes, key.length);   // read in place: no copy of a few megabytes
            touch(file);
            hits.incrementAndGet();
            return root;
        } catch (RuntimeException e) {
            // damaged in any way (ComposedNodes says IllegalArgumentException; SnakeYAML's constructors may say otherwise)
            LOG.log(System.Logger.Level.DEBUG, "ignoring the damaged composed document " + file + ": " + e);
            deleteQuietly(file);
            misses.incrementAndGet();
            return null;
        }
    }

    int hits() {
        return hits.get();
    }

    int misses() {
        return misses.get();
    }

    /** Keeps the tree composed from the text of {@code key}; a failure only costs the next run the composing. */
    void write(byte[] key, Node root) {
        Path file = file(key);
        try {
            Files.createDirectories(directory);
            byte[] tree = ComposedNodes.write(root);
            ByteBuffer bytes = ByteBuffer.allocate(key.length + tree.length).put(key).put(tree);
            // written aside and moved in place: a concurrent run reads a whole document or none
            Path partial = Files.createTempFile(directory, "composing-", ".part");
            try {
                Files.write(partial, bytes.array());
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                deleteQuietly(partial);
            }
            evictBeyond(KEEP);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot keep the composed document in " + directory + ": " + e);
        }
    }

    private Path file(byte[] key) {
        return directory.resolve(HexFormat.of().formatHex(key) + SUFFIX);
    }

    private void evictBeyond(int keep) throws IOException {
        List<Path> documents;
        try (Stream<Path> files = Files.list(directory)) {
            documents = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList();
        }
        if (documents.size() <= keep) return;
        documents.stream()
                .sorted(Comparator.comparing(ComposeCache::lastUsed))
                .limit(documents.size() - keep)
                .forEach(ComposeCache::deleteQuietly);
    }

    private static FileTime lastUsed(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // only the eviction order suffers
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for a later eviction
        }
    }

    /**
     * Where SnakeYAML was loaded from, with that file's size and time: another release of it (or of
     * the CLI that bundles it) may compose the same text into another tree.
     */
    private static byte[] composerIdentity() {
        String identity;
        try {
            var source = Tag.class.getProtectionDomain().getCodeSource();
            Path jar = Path.of(source.getLocation().toURI());
            identity = jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
        } catch (Exception e) {
            // no file to name (a custom class loader): the cache is keyed by the text alone, within this process's release
            identity = String.valueOf(Tag.class.getPackage().getImplementationVersion());
        }
        return identity.getBytes(StandardCharsets.UTF_8);
    }
}
