package dev.bloodbank.cli.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.export.JsonSchemaExport;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "jsonschema",
        header = "Write the schema of every event and command as a draft-07 JSON Schema file.",
        description = {
            "Writes DIR/<key>.json for each event and command: the schema of its payload with \"$schema\""
                    + " draft-07, a stable \"$id\" (urn:bloodbank:event:<key> or urn:bloodbank:command:<key>), a"
                    + " \"title\" (the schema's own, else the key in PascalCase, which names the generated class)"
                    + " and a \"description\". The directory is created when missing; files of the same name are"
                    + " replaced, others are left alone. Prints each file written."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank export jsonschema --out build/schemas",
            "  datamodel-codegen --input build/schemas --input-file-type jsonschema \\",
            "      --output-model-type pydantic_v2.BaseModel --output bloodbank_models"
        })
final class ExportJsonSchemaCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The directory to write the files into.")
    Path out;

    @Override
    public Integer call() {
        Topology loaded = topology.choose(environment()).load();
        Path directory = environment().workingDirectory().resolve(out);
        if (Files.exists(directory) && !Files.isDirectory(directory))
            throw new UserError("--out " + directory + " is a file, not a directory", "name a directory (it is created when missing)");
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, ObjectNode> file : JsonSchemaExport.of(loaded).entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.writeString(target, JsonOutput.pretty(file.getValue()) + "\n", StandardCharsets.UTF_8);
                out().println(target);
            }
        } catch (IOException e) {
            throw new UserError("cannot write to " + directory + ": " + e.getMessage());
        }
        return ExitCodes.OK;
    }
}
