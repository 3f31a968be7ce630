package dev.bloodbank.codegen;

import com.palantir.javapoet.JavaFile;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generated compilation units, by path relative to the source root
 * ({@code com/example/fireflies/TranscriptUploaded.java}), in path order.
 */
public record GeneratedSources(Map<String, String> files) {

    public GeneratedSources {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    static GeneratedSources of(List<JavaFile> javaFiles) {
        Map<String, String> files = new TreeMap<>();
        for (JavaFile file : javaFiles) {
            String path = file.packageName().replace('.', '/') + "/" + file.typeSpec().name() + ".java";
            if (files.put(path, file.toString()) != null) throw new IllegalStateException("generated twice: " + path);
        }
        return new GeneratedSources(files);
    }

    /** The content of one file as it is written: UTF-8. */
    public byte[] bytes(String path) {
        return files.get(path).getBytes(StandardCharsets.UTF_8);
    }
}
