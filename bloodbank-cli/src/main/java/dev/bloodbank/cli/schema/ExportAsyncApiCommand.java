package dev.bloodbank.cli.schema;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.export.AsyncApiExport;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "asyncapi",
        header = "Write the whole bus as an AsyncAPI 3.0 document (JSON).",
        description = {
            "A channel per event and command key (its routing key on the events or commands exchange, with"
                    + " AMQP 0-9-1 bindings) and per consuming queue; a receive operation per subscription and per"
                    + " command worker; each message's payload is the envelope around the key's schema, and what"
                    + " every message shares is the message trait 'envelope'. The document validates against the"
                    + " official AsyncAPI 3.0.0 JSON Schema and opens in AsyncAPI Studio.",
            "",
            "Written to stdout, or to FILE with -o."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank export asyncapi -o asyncapi.json",
            "  bloodbank export asyncapi --vhost production | jq '.operations | keys'"
        })
final class ExportAsyncApiCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the document to FILE instead of stdout.")
    Path file;

    @Option(names = "--vhost", paramLabel = "VHOST", defaultValue = "/",
            description = "The virtual host the AMQP bindings name. Default: ${DEFAULT-VALUE}")
    String vhost;

    @Override
    public Integer call() {
        Topology loaded = topology.choose(environment()).load();
        String document = JsonOutput.pretty(AsyncApiExport.of(loaded, vhost)) + "\n";
        if (file == null) {
            out().print(document);
            return ExitCodes.OK;
        }
        Path target = environment().workingDirectory().resolve(file);
        try {
            Files.writeString(target, document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage());
        }
        out().println(target);
        return ExitCodes.OK;
    }
}
