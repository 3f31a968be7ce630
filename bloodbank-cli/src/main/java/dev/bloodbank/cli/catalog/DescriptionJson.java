package dev.bloodbank.cli.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.dsl.AppDescription;
import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.dsl.DiscoveredApplications;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of {@code describe}: an application's {@link AppDescription} field for field, and the
 * listing of the discovered applications. Fields are only ever added; an incompatible change bumps
 * {@code formatVersion}.
 */
final class DescriptionJson {

    private DescriptionJson() {}

    static ObjectNode of(String application, AppDescription description) {
        ObjectNode root = JsonOutput.object();
        root.put("application", application);
        root.put("service", description.service());
        ArrayNode subtopologies = root.putArray("subtopologies");
        for (AppDescription.Subtopology sub : description.subtopologies()) {
            ObjectNode json = subtopologies.addObject();
            json.put("id", sub.id());
            json.put("queue", sub.queue());
            ArrayNode nodes = json.putArray("nodes");
            for (AppDescription.Node node : sub.nodes()) {
                ObjectNode n = nodes.addObject();
                n.put("name", node.name());
                n.put("role", node.role().name().toLowerCase(Locale.ROOT));
                if (node.detail() == null) n.putNull("detail");
                else n.put("detail", node.detail());
                strings(n.putArray("predecessors"), node.predecessors());
                strings(n.putArray("successors"), node.successors());
            }
        }
        return root;
    }

    static ObjectNode listing(DiscoveredApplications found) {
        ObjectNode root = JsonOutput.object();
        ArrayNode applications = root.putArray("applications");
        for (String name : found.names()) {
            BloodbankApplication application = found.find(name).orElseThrow();
            applications.addObject().put("name", name).put("class", application.getClass().getName());
        }
        return root;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
