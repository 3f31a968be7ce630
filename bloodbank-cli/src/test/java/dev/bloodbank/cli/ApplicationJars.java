package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.topology.Topology;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Applications that live outside this module's class path, as a user's would: compiled from source
 * into a directory (or a jar) of their own, found only through {@code --classpath}.
 */
public final class ApplicationJars {

    public static final String AGENT_LOG_SOURCE = """
            package com.example.agents;

            import dev.bloodbank.dsl.BloodbankApp;
            import dev.bloodbank.dsl.BloodbankApplication;
            import dev.bloodbank.dsl.BloodbankBuilder;
            import dev.bloodbank.dsl.Named;
            import dev.bloodbank.topology.Topology;
            import java.util.Map;

            public final class AgentLog implements BloodbankApplication {
                public String name() { return "agent-log"; }

                public BloodbankApp build(Topology topology) {
                    BloodbankBuilder builder = new BloodbankBuilder(topology, "agent-orchestrator");
                    builder.stream("agent.task.assigned", Map.class).foreach(e -> {}, Named.as("log-assignment"));
                    return builder.build();
                }
            }
            """;

    private ApplicationJars() {}

    /** Compiles the AgentLog application into {@code directory} and registers it there. */
    public static Path agentLogClasses(Path directory) throws IOException {
        Path classes = compile(directory, Map.of("com.example.agents.AgentLog", AGENT_LOG_SOURCE));
        register(classes, "com.example.agents.AgentLog");
        return classes;
    }

    /** Compiles each source (by its class name) against bloodbank-dsl into {@code directory}/classes. */
    public static Path compile(Path directory, Map<String, String> sources) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-d", directory.resolve("classes").toString(),
                "-cp", location(BloodbankApplication.class) + File.pathSeparator + location(Topology.class)));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = directory.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            arguments.add(Files.writeString(file, source.getValue()).toString());
        }
        Files.createDirectories(directory.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
        assertEquals(0, status, "javac failed on the test application");
        return directory.resolve("classes");
    }

    /** The same application packed into a jar. */
    public static Path agentLogJar(Path directory) throws IOException {
        Path classes = agentLogClasses(directory);
        Path jar = directory.resolve("agent-log.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Writes the registration file naming {@code classNames} under {@code root}. */
    public static void register(Path root, String... classNames) throws IOException {
        Path file = root.resolve(BloodbankApplication.REGISTRATION);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(classNames));
    }

    /**
     * This module's class loader without its registrations (the test applications), so that only
     * what --classpath adds is found.
     */
    public static ClassLoader withoutRegistrations() {
        return new ClassLoader("without-registrations", ApplicationJars.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals(BloodbankApplication.REGISTRATION) ? Collections.emptyEnumeration() : super.getResources(name);
            }

            @Override
            public URL getResource(String name) {
                return name.equals(BloodbankApplication.REGISTRATION) ? null : super.getResource(name);
            }
        };
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
