package dev.bloodbank.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.topology.Durations;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Topology;
import java.io.PrintWriter;
import java.util.List;

/** Everything {@code show} tells about one event or command, as text for people or JSON for scripts. */
final class MessageReport {

    private static final int LABEL_WIDTH = 14;

    private final MessageDefinition message;
    private final Route route;
    private final String unroutedExchange;

    MessageReport(Topology topology, MessageDefinition message) {
        this.message = message;
        this.route = Route.of(topology, message);
        this.unroutedExchange = topology.exchanges().unrouted();
    }

    void printText(PrintWriter out, Palette palette) {
        out.println(palette.bold(message.key()) + "  " + palette.faint(message.kind().label() + ", domain " + message.domain()));
        out.println(message.description());
        out.println();
        out.println(palette.bold("Route"));
        out.println(label("exchange") + route.exchange() + " (topic)");
        out.println(label("routing key") + route.routingKey());
        printStops(out, palette);
        out.println();
        out.println(palette.bold("Schema"));
        out.println(Texts.indent(Json.pretty(message.schema().document())));
        out.println();
        List<JsonNode> examples = message.examples();
        out.println(palette.bold("Examples") + (examples.isEmpty() ? "" : " (" + examples.size() + ")"));
        if (examples.isEmpty()) out.println("  none declared");
        for (int i = 0; i < examples.size(); i++) {
            out.println(palette.faint("  # " + (i + 1)));
            out.println(Texts.indent(Json.pretty(examples.get(i))));
        }
    }

    private void printStops(PrintWriter out, Palette palette) {
        List<Route.Stop> stops = route.stops();
        if (stops.isEmpty()) {
            out.println(label("received by") + palette.yellow("no subscription")
                    + " (the broker keeps it on " + unroutedExchange + ")");
            return;
        }
        int serviceWidth = stops.stream()
                .filter(s -> s instanceof Route.SubscriberQueue)
                .mapToInt(s -> ((Route.SubscriberQueue) s).service().length())
                .max().orElse(0);
        int queueWidth = stops.stream().mapToInt(s -> s.queue().length()).max().orElse(0);
        String previousLabel = null;
        for (Route.Stop stop : stops) {
            String heading;
            String line;
            if (stop instanceof Route.SubscriberQueue subscriber) {
                heading = "received by";
                line = Texts.pad(subscriber.service(), serviceWidth) + "  "
                        + palette.cyan(Texts.pad(subscriber.queue(), queueWidth)) + "  " + palette.faint(settings(subscriber.settings()) + ", matches "
                                + String.join(" ", subscriber.matchingPatterns()));
            } else if (stop instanceof Route.WorkerQueue worker) {
                heading = "worker queue";
                line = palette.cyan(Texts.pad(worker.queue(), queueWidth)) + "  " + palette.faint(settings(worker.settings()));
            } else if (stop instanceof Route.RetryQueue retry) {
                heading = "retry queues";
                line = Texts.pad(retry.queue(), queueWidth) + "  " + palette.faint("waits " + Durations.format(retry.delay()));
            } else {
                Route.DeadLetterQueue dead = (Route.DeadLetterQueue) stop;
                heading = "dead letters";
                line = Texts.pad(dead.queue(), queueWidth) + "  " + palette.faint("via " + dead.exchange());
            }
            out.println((heading.equals(previousLabel) ? label("") : label(heading)) + line);
            previousLabel = heading;
        }
    }

    void printJson(PrintWriter out) {
        ObjectNode root = Json.object();
        root.put("key", message.key())
                .put("kind", message.kind().label())
                .put("domain", message.domain())
                .put("description", message.description());
        ObjectNode travel = root.putObject("route");
        travel.put("exchange", route.exchange()).put("routingKey", route.routingKey());
        ArrayNode queues = travel.putArray("queues");
        for (Route.Stop stop : route.stops()) queues.add(json(stop));
        root.set("schema", message.schema().document());
        ArrayNode examples = root.putArray("examples");
        message.examples().forEach(examples::add);
        out.println(Json.pretty(root));
    }

    private static ObjectNode json(Route.Stop stop) {
        ObjectNode node = Json.plainObject();
        node.put("queue", stop.queue());
        if (stop instanceof Route.SubscriberQueue subscriber) {
            node.put("role", "subscription").put("service", subscriber.service());
            ArrayNode patterns = node.putArray("matchingPatterns");
            subscriber.matchingPatterns().forEach(patterns::add);
            settings(node, subscriber.settings());
        } else if (stop instanceof Route.WorkerQueue worker) {
            node.put("role", "worker");
            settings(node, worker.settings());
        } else if (stop instanceof Route.RetryQueue retry) {
            node.put("role", "retry").put("delay", Durations.format(retry.delay())).put("delayMillis", retry.delay().toMillis());
        } else {
            node.put("role", "dead-letter").put("exchange", ((Route.DeadLetterQueue) stop).exchange());
        }
        return node;
    }

    private static void settings(ObjectNode node, QueueSettings settings) {
        node.put("queueType", settings.queueType().wireName())
                .put("prefetch", settings.prefetch())
                .put("attempts", settings.retry().attempts());
    }

    private static String settings(QueueSettings settings) {
        return settings.queueType().wireName() + ", prefetch " + settings.prefetch() + ", "
                + Texts.count(settings.retry().attempts(), "attempt");
    }

    private static String label(String text) {
        return "  " + Texts.pad(text, LABEL_WIDTH);
    }
}
