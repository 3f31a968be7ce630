package dev.bloodbank.cli.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.reconcile.BrokerTopology;
import dev.bloodbank.broker.registry.RegistryException;
import dev.bloodbank.broker.registry.SchemaHistory;
import dev.bloodbank.broker.registry.SchemaRegistry;
import dev.bloodbank.broker.registry.SchemaVersion;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.cli.text.TextLayout;
import dev.bloodbank.topology.Suggestions;
import java.util.List;

/** Reads the registry for the schema subcommands and finds a key's versions, or says which key was meant. */
final class RegistryLookup {

    private RegistryLookup() {}

    static SchemaHistory read(String amqpUrl) {
        try (SchemaRegistry registry = SchemaRegistry.connect(amqpUrl)) {
            return registry.read();
        } catch (RegistryException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The key's versions, oldest first; an unknown key is an error naming the nearest recorded one. */
    static List<SchemaVersion> versions(SchemaHistory history, String key) {
        List<SchemaVersion> versions = history.versions(key);
        if (!versions.isEmpty()) return versions;
        if (history.isEmpty())
            throw new UserError("the schema registry (" + BrokerTopology.SCHEMA_REGISTRY_STREAM + ") holds no schema yet",
                    "bloodbank apply records every schema of the topology");
        String hint = Suggestions.nearest(key, history.keys()).map(k -> "did you mean '" + k + "'?")
                .orElse("bloodbank schema history lists nothing for it; the registry holds " + TextLayout.count(history.keys().size(), "key"));
        throw new UserError("no schema of '" + key + "' in the registry", hint);
    }

    static SchemaVersion version(List<SchemaVersion> versions, int number) {
        if (number >= 1 && number <= versions.size()) return versions.get(number - 1);
        SchemaVersion any = versions.get(0);
        throw new UserError(any.key() + " has no version " + number,
                "its versions are 1" + (versions.size() > 1 ? " to " + versions.size() : ""));
    }

    /** A version's record, without its schema, for -o json. */
    static ObjectNode json(SchemaVersion v) {
        ObjectNode n = JsonOutput.plainObject();
        n.put("version", v.version());
        n.put("kind", v.kind().label());
        n.put("at", v.at().toString());
        ObjectNode topology = n.putObject("topology");
        topology.put("path", v.topology().path());
        topology.put("sha256", v.topology().sha256());
        return n;
    }
}
