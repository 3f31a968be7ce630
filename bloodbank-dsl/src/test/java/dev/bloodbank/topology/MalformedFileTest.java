package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("a file that is not a readable YAML topology gets one located error")
class MalformedFileTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n", "---\n"})
    void anEmptyFileSaysSo(String content) {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, content));

        assertEquals("1:1: error: the file is empty", TopologyFiles.headline(problem));
        assertEquals("a topology starts with 'apiVersion: bloodbank/v1' followed by its events", problem.hint());
    }

    @Test
    void anUnclosedBracketPointsAtWhereTheParserGaveUp() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schema: {type: object}
                  a.b.deleted: {description: y}
                """));

        assertEquals("4:3: error: malformed YAML: expected ',' or '}', but got <scalar>"
                + " (while parsing a flow mapping that started at line 3, column 16)", TopologyFiles.headline(problem));
        assertEquals("a '{' or '[' opened there is not closed, or an entry before this place misses its ','", problem.hint());
    }

    @Test
    void aTabIndentIsNamed() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\nevents:\n\ta.b.created: {}\n"));

        assertEquals("3:1: error: malformed YAML: a tab character where YAML expects spaces", TopologyFiles.headline(problem));
        assertEquals("indent with spaces; YAML does not allow tabs for indentation", problem.hint());
    }

    @Test
    void aColonInAPlainValueIsExplained() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: Note: this breaks
                """));

        assertEquals("4:22: error: malformed YAML: mapping values are not allowed here", TopologyFiles.headline(problem));
        assertEquals("a value that contains ': ' must be quoted, or the indentation of this line is off", problem.hint());
    }

    @Test
    void anUnclosedQuoteIsReported() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: "never closed
                """));

        assertEquals("5:1: error: malformed YAML: found unexpected end of stream"
                + " (while scanning a quoted scalar that started at line 4, column 18)", TopologyFiles.headline(problem));
        assertEquals("a quoted string opened there is not closed", problem.hint());
    }

    @Test
    void aSecondDocumentIsRefused() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\n---\nevents: {}\n"));

        assertEquals("2:1: error: malformed YAML: a second YAML document starts here", TopologyFiles.headline(problem));
    }

    @Test
    void aTopologyMustBeAMapping() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, "- a.b.created\n- a.b.deleted\n"));

        assertEquals("1:1: error: a topology must be a mapping, not a list", TopologyFiles.headline(problem));
    }

    @Test
    void invalidUtf8IsLocatedAtTheBadByte() throws Exception {
        Path file = dir.resolve("topology.yaml");
        byte[] head = "apiVersion: bloodbank/v1\nevents:\n  a.b.created: {description: caf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] content = java.util.Arrays.copyOf(head, head.length + 2);
        content[head.length] = (byte) 0xE9; // Latin-1 'é'
        content[head.length + 1] = '}';
        Files.write(file, content);

        Problem problem = TopologyFiles.only(Topology.validate(file));

        assertEquals("3:33: error: the file is not valid UTF-8", TopologyFiles.headline(problem));
    }

    @Test
    void aControlCharacterIsLocated() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, "apiVersion: bloodbank/v1\nevents:\n  a\u0007: x\n"));

        assertEquals("3:4: error: malformed YAML: the character U+0007 is not allowed", TopologyFiles.headline(problem));
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        ValidationReport report = TopologyFiles.validate(dir, "\uFEFFapiVersion: bloodbank/v1\n" + TopologyFiles.ONE_EVENT);

        assertEquals(java.util.List.of(), report.problems());
    }

    @Test
    void aMissingFileIsReportedAsSuch() {
        Path missing = dir.resolve("nowhere.yaml");

        Problem problem = TopologyFiles.only(Topology.validate(missing));

        assertEquals(missing + ":1:1: error: no such file", problem.headline());
    }

    @Test
    void aDirectoryIsNotATopology() {
        Problem problem = TopologyFiles.only(Topology.validate(dir));

        assertEquals(dir + ":1:1: error: cannot read the file: is a directory, not a file", problem.headline());
        assertFalse(Topology.validate(dir).isValid());
    }

    @Test
    void explainsAMergeKeyWithoutAMapping() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    <<: 5
                    description: x
                """));

        assertEquals("a merge key takes an alias of a mapping or a list of them: '<<: *base' or '<<: [*a, *b]'", problem.hint());
    }
}
