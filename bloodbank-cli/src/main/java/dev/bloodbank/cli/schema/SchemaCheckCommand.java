package dev.bloodbank.cli.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyFile;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.cli.text.ProblemPrinter;
import dev.bloodbank.cli.text.TextLayout;
import dev.bloodbank.schema.compat.Incompatibility;
import dev.bloodbank.topology.Problem;
import dev.bloodbank.topology.SchemaCheck;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "check",
        header = "Check that the schemas changed since an earlier topology stay compatible.",
        description = {
            "Compares every event and command declared in both this topology and the one in --against"
                    + " (typically the topology on main), under the compatibility mode this topology gives the"
                    + " key, without a broker. Each incompatible change is printed with its key, the JSON pointer"
                    + " in the new schema, the rule it breaks and how to make it compatible.",
            "",
            "Keys that are new have nothing to break; removed keys are listed. Only one earlier version is"
                    + " known here, so a transitive mode judges what its plain mode does."
        },
        exitCodeList = {
            "0:Every schema is compatible.",
            "1:A schema change is incompatible, or this topology is invalid.",
            "2:Usage error: --against is missing, names no file, or names a file that is not a valid topology."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  git worktree add /tmp/main main",
            "  bloodbank schema check --against /tmp/main/topology.yaml",
            "  bloodbank schema check --against /tmp/main/topology.yaml -o json"
        })
final class SchemaCheckCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Option(names = "--against", paramLabel = "FILE", required = true,
            description = "The earlier topology file, e.g. the one on main; its schemaFiles are read relative to it.")
    Path against;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        TopologyFile currentFile = topology.choose(environment());
        Topology earlier = earlier();
        if (earlier == null) return ExitCodes.USAGE;
        Topology current = currentFile.load();
        SchemaCheck check = SchemaCheck.of(earlier, current);
        if (output.json()) out().println(JsonOutput.pretty(json(check, current, currentFile)));
        else print(check, current, currentFile);
        return check.compatible() ? ExitCodes.OK : ExitCodes.USER_ERROR;
    }

    /** The topology to compare with, or null once the reason it cannot be read is printed. */
    private Topology earlier() {
        Path file = environment().workingDirectory().resolve(against);
        if (!Files.isRegularFile(file)) {
            err().println("bloodbank: --against " + file + (Files.isDirectory(file) ? " is a directory, not a topology file" : " does not exist"));
            err().println("  hint: name the earlier topology.yaml, e.g. from `git worktree add /tmp/main main`");
            return null;
        }
        ValidationReport report = Topology.validate(file);
        if (report.topology().isPresent()) return report.topology().get();
        List<Problem> errors = report.problems().stream().filter(Problem::isError).toList();
        new ProblemPrinter(palette()).print(errors.get(0), err());
        String more = errors.size() > 1 ? " (" + ProblemPrinter.plural(errors.size(), "error") + "; `bloodbank validate -f "
                + against + "` lists them)" : "";
        err().println("bloodbank: --against " + against + " is not a valid topology" + more);
        return null;
    }

    private void print(SchemaCheck check, Topology current, TopologyFile currentFile) {
        PrintWriter out = out();
        for (String key : check.incompatibleKeys()) {
            out.println(palette().bold(key) + " (" + current.message(key).orElseThrow().compatibility() + "): " + palette().red("incompatible"));
            for (Incompatibility i : check.incompatibilities()) {
                if (!i.key().equals(key)) continue;
                out.println("  " + (i.pointer().isEmpty() ? "(the schema itself)" : i.pointer()) + ": " + i.rule() + " (breaks " + i.direction() + ")");
                out.println("    " + i.message());
                out.println("    hint: " + i.hint());
            }
            out.println();
        }
        String verdict = check.compatible()
                ? palette().green("compatible") + ", " + TextLayout.count(check.checked().size(), "schema") + " checked"
                : palette().red("incompatible") + ": " + check.incompatibleKeys().size() + " of " + TextLayout.count(check.checked().size(), "schema")
                        + " (" + TextLayout.count(check.incompatibilities().size(), "incompatible change") + ")";
        out.println(currentFile + " against " + against + ": " + verdict + "; " + check.added().size() + " new, "
                + check.removed().size() + " removed");
        if (!check.removed().isEmpty()) out.println("removed: " + String.join(", ", check.removed()));
    }

    private ObjectNode json(SchemaCheck check, Topology current, TopologyFile currentFile) {
        ObjectNode root = JsonOutput.object();
        root.put("topology", currentFile.toString());
        root.put("against", against.toString());
        root.put("compatible", check.compatible());
        ArrayNode checked = root.putArray("checked");
        check.checked().forEach(checked::add);
        ArrayNode added = root.putArray("new");
        check.added().forEach(added::add);
        ArrayNode removed = root.putArray("removed");
        check.removed().forEach(removed::add);
        ArrayNode incompatibilities = root.putArray("incompatibilities");
        for (Incompatibility i : check.incompatibilities()) {
            ObjectNode node = incompatibilities.addObject();
            node.put("key", i.key());
            node.put("mode", current.message(i.key()).orElseThrow().compatibility().name());
            node.put("rule", i.rule().name());
            node.put("direction", i.direction().name());
            node.put("pointer", i.pointer());
            node.put("message", i.message());
            node.put("hint", i.hint());
        }
        return root;
    }
}
