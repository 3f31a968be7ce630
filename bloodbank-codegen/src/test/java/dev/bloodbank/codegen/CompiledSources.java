package dev.bloodbank.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.dsl.MessageType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Generated sources written to a directory, compiled with javac against the test class path, and loaded. */
final class CompiledSources {

    private final URLClassLoader loader;
    private final String packageName;

    private CompiledSources(URLClassLoader loader, String packageName) {
        this.loader = loader;
        this.packageName = packageName;
    }

    static CompiledSources compile(GeneratedSources sources, String packageName, Path dir) {
        try {
            Path src = Files.createDirectories(dir.resolve("src"));
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<Path> files = new ArrayList<>();
            for (String path : sources.files().keySet()) {
                Path file = src.resolve(path);
                Files.createDirectories(file.getParent());
                Files.write(file, sources.bytes(path));
                files.add(file);
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter diagnostics = new StringWriter();
            try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
                boolean compiled = javac.getTask(diagnostics, fileManager, null,
                                List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                                        "-Xlint:all", "-Werror", "-implicit:none", "--release", "17"),
                                null, fileManager.getJavaFileObjectsFromPaths(files))
                        .call();
                assertTrue(compiled, () -> "generated sources do not compile:\n" + diagnostics);
            }
            return new CompiledSources(
                    new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, CompiledSources.class.getClassLoader()),
                    packageName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Class<?> type(String name) {
        try {
            return Class.forName(name.contains(".") ? name : packageName + "." + name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("not generated: " + name, e);
        }
    }

    /** The constants of {@code Events} and {@code Commands}, by key. */
    Map<String, MessageType<?>> messageTypes() {
        Map<String, MessageType<?>> types = new LinkedHashMap<>();
        for (String holder : List.of("Events", "Commands")) {
            for (Field field : type(holder).getFields()) {
                if (!Modifier.isStatic(field.getModifiers())) continue;
                try {
                    MessageType<?> type = (MessageType<?>) field.get(null);
                    types.put(type.key(), type);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return types;
    }
}
