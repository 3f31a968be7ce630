package dev.bloodbank.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The output directory, kept in step with the generated sources: a file is written only when its
 * bytes change (so the compiler's own staleness check sees only real changes), a file generated
 * last time and not this time is deleted, and a manifest records the inputs' fingerprint and the
 * files written.
 */
final class SourceDirectory {

    static final String MANIFEST = ".bloodbank-codegen";

    private final Path root;

    SourceDirectory(Path root) {
        this.root = root;
    }

    /** Whether the last generation had these inputs and its files are all still there. */
    boolean isUpToDate(String fingerprint) {
        if (fingerprint.equals(Inputs.UNKNOWN)) return false;
        List<String> manifest = manifest();
        if (manifest.isEmpty() || !manifest.get(0).equals(fingerprint)) return false;
        return manifest.stream().skip(1).allMatch(path -> Files.isRegularFile(root.resolve(path)));
    }

    Regeneration.Result sync(GeneratedSources sources, String fingerprint) {
        int written = 0;
        int unchanged = 0;
        int deleted = 0;
        try {
            for (String path : sources.files().keySet()) {
                Path file = root.resolve(path);
                byte[] content = sources.bytes(path);
                if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
                    unchanged++;
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.write(file, content);
                written++;
            }
            List<String> previous = manifest();
            for (String path : previous.subList(Math.min(1, previous.size()), previous.size()))
                if (!sources.files().containsKey(path) && Files.deleteIfExists(root.resolve(path))) deleted++;
            List<String> manifest = new ArrayList<>();
            manifest.add(fingerprint);
            manifest.addAll(sources.files().keySet());
            Files.createDirectories(root);
            Files.write(root.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated sources to " + root + ": " + e.getMessage(), e);
        }
        return new Regeneration.Result(false, written, unchanged, deleted);
    }

    private List<String> manifest() {
        Path file = root.resolve(MANIFEST);
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
