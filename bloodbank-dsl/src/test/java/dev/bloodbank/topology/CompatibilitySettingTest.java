package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bloodbank.schema.compat.CompatibilityMode;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("compatibility: in defaults and per event or command")
class CompatibilitySettingTest {

    @TempDir
    Path dir;

    @Test
    void everyMessageIsBackwardUnlessTheFileSaysOtherwise() {
        Topology topology = TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\n" + TopologyFiles.ONE_EVENT).orThrow();

        assertEquals(CompatibilityMode.BACKWARD, topology.defaults().compatibility());
        assertEquals(CompatibilityMode.BACKWARD, topology.event("a.b.created").orElseThrow().compatibility());
    }

    @Test
    void aKeyTakesItsOwnModeElseTheDefaults() {
        Topology topology = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                defaults: {compatibility: FULL_TRANSITIVE}
                events:
                  a.b.created: {description: Created., schema: {type: object}}
                  a.b.deleted: {description: Deleted., schema: {type: object}, compatibility: NONE}
                commands:
                  a.b.create: {description: Create., schema: {type: object}, compatibility: FORWARD}
                """).orThrow();

        assertEquals(CompatibilityMode.FULL_TRANSITIVE, topology.event("a.b.created").orElseThrow().compatibility());
        assertEquals(CompatibilityMode.NONE, topology.event("a.b.deleted").orElseThrow().compatibility());
        assertEquals(CompatibilityMode.FORWARD, topology.command("a.b.create").orElseThrow().compatibility());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            BACKWARDS      | 3:79: error: compatibility of event 'a.b.created' is 'BACKWARDS', not a compatibility mode      | did you mean 'BACKWARD'?
            backward       | 3:79: error: compatibility of event 'a.b.created' is 'backward', not a compatibility mode       | did you mean 'BACKWARD'?
            full-transitive | 3:79: error: compatibility of event 'a.b.created' is 'full-transitive', not a compatibility mode | did you mean 'FULL_TRANSITIVE'?
            FOWARD_TRANSITIVE | 3:79: error: compatibility of event 'a.b.created' is 'FOWARD_TRANSITIVE', not a compatibility mode | did you mean 'FORWARD_TRANSITIVE'?
            strict         | 3:79: error: compatibility of event 'a.b.created' is 'strict', not a compatibility mode         | valid modes:
            """)
    void aMisspeltModeIsLocatedWithTheNearestOne(String written, String expected, String hintStart) {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: Created., schema: {type: object}, compatibility: %s}
                """.formatted(written)));

        assertEquals(expected, TopologyFiles.headline(problem));
        assertEquals(true, problem.hint().startsWith(hintStart), problem.hint());
        assertEquals(true, problem.hint().endsWith("valid modes: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL,"
                + " FULL_TRANSITIVE, NONE"), problem.hint());
    }

    @Test
    void aWrongModeInDefaultsIsLocatedThere() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir,
                "apiVersion: bloodbank/v1\ndefaults: {compatibility: [FULL]}\n" + TopologyFiles.ONE_EVENT));

        assertEquals("2:27: error: defaults.compatibility must be text, not a list", TopologyFiles.headline(problem));
    }

    @Test
    void aMisspeltModeInAWorkerlessCommandIsReportedOnce() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                commands:
                  a.b.create:
                    description: Create.
                    schema: {type: object}
                    compatibility: FUL
                """));

        assertEquals("6:20: error: compatibility of command 'a.b.create' is 'FUL', not a compatibility mode", TopologyFiles.headline(problem));
        assertEquals(true, problem.hint().startsWith("did you mean 'FULL'?"), problem.hint());
    }
}
