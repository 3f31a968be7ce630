package dev.bloodbank.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveredApplicationsTest {

    @TempDir
    Path registrations;

    @Test
    void findsEveryRegisteredApplicationByNameInNameOrder() throws IOException {
        DiscoveredApplications found = discover(TranscriptApp.class, Archive.class);

        assertEquals(List.of("archive", "transcript-processor"), found.names());
        assertEquals(List.of(), found.failures());
        assertTrue(found.find("transcript-processor").orElseThrow() instanceof TranscriptApp);
        assertTrue(found.find("archiv").isEmpty());
        assertEquals(Pipeline.SERVICE, found.find("transcript-processor").orElseThrow().build(Pipeline.topology()).service());
    }

    @Test
    void nothingRegisteredIsEmptyWithoutFailures() throws IOException {
        DiscoveredApplications found = discover();

        assertTrue(found.isEmpty());
        assertEquals(List.of(), found.failures());
    }

    @Test
    void aNameTakenTwiceKeepsTheFirstAndSaysWhichClassesClash() throws IOException {
        DiscoveredApplications found = discover(Archive.class, SecondArchive.class);

        assertEquals(List.of("archive"), found.names());
        assertSame(Archive.class, found.find("archive").orElseThrow().getClass());
        assertEquals(List.of("two applications are named 'archive': " + Archive.class.getName() + " and "
                + SecondArchive.class.getName()), found.failures());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            com.example.Missing                                   | cannot load an application: Provider com.example.Missing not found
            dev.bloodbank.dsl.DiscoveredApplicationsTest$NotAnApp  | cannot load an application: dev.bloodbank.dsl.DiscoveredApplicationsTest$NotAnApp not a subtype
            dev.bloodbank.dsl.DiscoveredApplicationsTest$Exploding | cannot load an application: Provider dev.bloodbank.dsl.DiscoveredApplicationsTest$Exploding could not be instantiated (java.lang.IllegalStateException: no config)
            dev.bloodbank.dsl.DiscoveredApplicationsTest$Nameless  | dev.bloodbank.dsl.DiscoveredApplicationsTest$Nameless.name() is empty; return the name the application is selected by
            dev.bloodbank.dsl.DiscoveredApplicationsTest$NameFails | dev.bloodbank.dsl.DiscoveredApplicationsTest$NameFails.name() failed: java.lang.UnsupportedOperationException: not yet
            """)
    void aRegistrationThatCannotBeUsedIsOneLineAndTheOthersAreStillFound(String className, String failure) throws IOException {
        DiscoveredApplications found = discover(List.of(className, Archive.class.getName()));

        assertEquals(List.of(failure), found.failures());
        assertEquals(List.of("archive"), found.names());
    }

    private DiscoveredApplications discover(Class<?>... registered) throws IOException {
        return discover(Arrays.stream(registered).map(Class::getName).toList());
    }

    private DiscoveredApplications discover(List<String> classNames) throws IOException {
        Path file = registrations.resolve(BloodbankApplication.REGISTRATION);
        Files.createDirectories(file.getParent());
        Files.write(file, classNames);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {registrations.toUri().toURL()}, getClass().getClassLoader())) {
            return DiscoveredApplications.discover(loader);
        }
    }

    // ServiceLoader instantiates registered classes reflectively: they must be public with a public constructor.

    public static final class TranscriptApp implements BloodbankApplication {
        @Override
        public String name() {
            return "transcript-processor";
        }

        @Override
        public BloodbankApp build(Topology topology) {
            return DescribeTest.pipeline();
        }
    }

    public static class Archive implements BloodbankApplication {
        @Override
        public String name() {
            return "archive";
        }

        @Override
        public BloodbankApp build(Topology topology) {
            throw new UnsupportedOperationException("only discovered in these tests");
        }
    }

    public static final class SecondArchive extends Archive {}

    public static final class NotAnApp {}

    public static final class Exploding extends Archive {
        public Exploding() {
            throw new IllegalStateException("no config");
        }
    }

    public static final class Nameless extends Archive {
        @Override
        public String name() {
            return " ";
        }
    }

    public static final class NameFails extends Archive {
        @Override
        public String name() {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
