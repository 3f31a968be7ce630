package dev.bloodbank.cli.operate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.broker.runtime.BrokerUnavailableException;
import dev.bloodbank.broker.runtime.PublishException;
import dev.bloodbank.broker.runtime.PublishReceipt;
import dev.bloodbank.broker.runtime.Publisher;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.catalog.CatalogLookup;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.engine.OutgoingMessages;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.schema.InvalidPayloadException;
import dev.bloodbank.schema.SchemaViolation;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "publish",
        header = "Publish one event or send one command, validated, with the broker's confirm.",
        description = {
            "Wraps the payload in an envelope (a new event id, the time, the source) after checking",
            "it against the key's JSON Schema, publishes it persistent and mandatory, and waits for",
            "the broker's confirm. Prints the event id.",
            "",
            "Exit 1 when the payload breaks the schema (each failing JSON pointer is listed), when no",
            "queue is bound for the key (unroutable), when the broker refuses it, or when the broker",
            "cannot be reached."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank publish fireflies.transcript.uploaded --json '{\"media_file\": \"/rec/a.m4a\"}'",
            "  bloodbank publish fireflies.transcript.uploaded --json @payload.json",
            "  echo '{...}' | bloodbank publish agent.task.assign --json -",
            "  bloodbank publish fireflies.transcript.uploaded --example 2 --dry-run"
        })
public final class PublishCommand extends BloodbankCommand {

    @Parameters(paramLabel = "KEY", description = "The event or command key.")
    String key;

    static final class PayloadSource {
        @Option(names = "--json", paramLabel = "JSON|@FILE|-",
                description = "The payload: JSON text, @FILE to read a file, or - to read standard input.")
        String json;

        @Option(names = "--example", paramLabel = "N", arity = "0..1", fallbackValue = "1",
                description = "Publish the topology's N-th example payload of the key (1, the first, by default).")
        Integer example;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    PayloadSource payload;

    @Option(names = "--source-app", paramLabel = "NAME", defaultValue = "bloodbank-cli",
            description = "The application named in the envelope's source (default: ${DEFAULT-VALUE}).")
    String sourceApp;

    @Option(names = "--correlation-id", paramLabel = "ID",
            description = "The id of an event that caused this one; repeat for several.")
    List<UUID> correlationIds = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the envelope that would be sent, and send nothing.")
    boolean dryRun;

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        Topology loaded = topology.choose(environment()).load();
        MessageDefinition message = CatalogLookup.message(loaded, key);
        JsonNode body = payload(message);
        Source source = new Source(Source.localHost(), "cli", sourceApp, null);
        Envelope envelope;
        try {
            envelope = OutgoingMessages.envelope(loaded, key, body, source, correlationIds);
        } catch (InvalidPayloadException e) {
            StringBuilder violations = new StringBuilder();
            for (SchemaViolation v : e.violations()) violations.append("\n  ").append(v);
            throw new UserError("the payload breaks the schema of " + key + ":" + violations,
                    "`bloodbank show " + key + "` prints the schema and examples");
        }
        if (dryRun) {
            out().println(JsonOutput.pretty(EnvelopeCodec.standard().toTree(envelope)));
            return ExitCodes.OK;
        }
        RuntimeSettings settings = RuntimeSettings.of(connection.amqpUrl(environment()), sourceApp);
        try (Publisher publisher = Publisher.connect(loaded, settings)) {
            PublishReceipt receipt = publisher.publish(envelope).get();
            out().println(receipt.eventId());
            return ExitCodes.OK;
        } catch (BrokerUnavailableException e) {
            throw new UserError(e.getMessage(), "is RabbitMQ running? --amqp-url or $BLOODBANK_AMQP_URL names the broker");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PublishException failed) {
                String hint = failed.reason() == PublishException.Reason.UNROUTABLE
                        ? "`bloodbank apply` creates the queues the topology declares" : null;
                throw new UserError("not published: " + failed.getMessage(), hint);
            }
            throw new UserError("not published: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted before the broker confirmed " + envelope.eventId());
        }
    }

    private JsonNode payload(MessageDefinition message) {
        if (payload.example != null) {
            int n = payload.example;
            if (message.examples().isEmpty())
                throw new UserError(key + " has no examples in the topology", "give the payload with --json");
            if (n < 1 || n > message.examples().size())
                throw new UserError(key + " has " + message.examples().size() + " example(s); --example " + n + " is not one of them");
            return message.examples().get(n - 1);
        }
        String text;
        String origin;
        if (payload.json.equals("-")) {
            origin = "standard input";
            text = PayloadText.read(System.in, origin);
        } else if (payload.json.startsWith("@")) {
            Path file = environment().workingDirectory().resolve(payload.json.substring(1));
            origin = file.toString();
            try (InputStream in = Files.newInputStream(file)) {
                text = PayloadText.read(in, origin);
            } catch (NoSuchFileException e) {
                throw new UserError("the payload file " + file + " does not exist");
            } catch (IOException e) {
                throw new UserError("cannot read the payload file " + file + ": " + e.getMessage());
            }
        } else {
            text = payload.json;
            origin = "--json";
        }
        try {
            JsonNode tree = EnvelopeCodec.standard().readTree(text);
            if (tree == null || tree.isMissingNode()) throw new UserError("the payload from " + origin + " is empty");
            return tree;
        } catch (EnvelopeDecodingException e) {
            throw new UserError("the payload from " + origin + " is not JSON: " + e.getMessage().replaceFirst("^body is not JSON: ", ""));
        }
    }
}
