package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The training run of the launcher's class archive")
class StartupTrainingTest {

    @Test
    void runsItsCommandsOnTheSampleCatalogAndLoadsBloodbanksListedClasses(@TempDir Path empty) {
        StartupTraining.Trained trained = StartupTraining.train(empty);

        assertEquals(0, trained.failedCommands(), "a training command failed on the sample catalog");
        // The JDK's own internals differ between versions (the list is written on one, the tests may
        // run on another); bloodbank's classes and its libraries' are the same on every JDK.
        List<String> ours = trained.missing().stream()
                .filter(name -> !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.")
                        && !name.startsWith("sun.") && !name.startsWith("com.sun."))
                .toList();
        assertEquals(List.of(), ours, "classes of the list that are gone: write it again with ./bench/startup-classes.sh");
        assertTrue(trained.loaded() > 2_000, "loaded " + trained.loaded());
    }

    @Test
    void listsTheClassesOfThePlanThatTheSampleCommandsDoNotLoad() {
        List<String> listed = StartupTraining.listedClasses();

        // the management API client, the reconciler and the schema registry's stream reader
        assertTrue(listed.contains("dev.bloodbank.broker.management.ManagementClient"), "not listed: the management client");
        assertTrue(listed.contains("dev.bloodbank.broker.reconcile.Planner"), "not listed: the planner");
        assertTrue(listed.contains("dev.bloodbank.broker.history.ArchiveReader"), "not listed: the stream reader");
        assertTrue(listed.contains("com.rabbitmq.client.impl.AMQConnection"), "not listed: amqp-client's connection");
        assertTrue(listed.stream().noneMatch(name -> name.contains("$$Lambda") || name.contains("/0x")), "hidden classes have no name to load by");
    }
}
