package dev.bloodbank.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.cli.text.TextLayout;
import dev.bloodbank.topology.Durations;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.Consumer;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.RetryQueue;
import dev.bloodbank.topology.routing.Route;
import dev.bloodbank.topology.routing.Routing;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code show} tells about one event or command, as text for people or JSON for scripts.
 * Where it travels comes from the topology's {@link Routing}, so {@code show} names exactly the
 * queues {@code apply} declares.
 */
final class MessageReport {

    private static final int LABEL_WIDTH = 14;

    private final MessageDefinition message;
    private final Route route;

    MessageReport(Topology topology, MessageDefinition message) {
        this.message = message;
        this.route = Routing.of(topology).route(message.key());
    }

    void printText(PrintWriter out, Palette palette) {
        out.println(palette.bold(message.key()) + "  " + palette.faint(message.kind().label() + ", domain " + message.domain()));
        out.println(message.description());
        out.println();
        out.println(palette.bold("Route"));
        out.println(label("exchange") + route.exchange() + " (topic)");
        out.println(label("routing key") + route.routingKey());
        printReceivers(out, palette);
        out.println();
        out.println(palette.bold("Schema"));
        out.println(TextLayout.indent(JsonOutput.pretty(message.schema().document())));
        out.println();
        List<JsonNode> examples = message.examples();
        out.println(palette.bold("Examples") + (examples.isEmpty() ? "" : " (" + examples.size() + ")"));
        if (examples.isEmpty()) out.println("  none declared");
        for (int i = 0; i < examples.size(); i++) {
            out.println(palette.faint("  # " + (i + 1)));
            out.println(TextLayout.indent(JsonOutput.pretty(examples.get(i))));
        }
    }

    /** Each consuming queue the message reaches, with the retry queues and the dead-letter queue behind it. */
    private void printReceivers(PrintWriter out, Palette palette) {
        if (route.unrouted()) {
            out.println(label("received by") + palette.yellow("no subscription")
                    + route.keptOn().map(exchange -> " (the broker keeps it on " + exchange + ")").orElse(""));
            return;
        }
        int queueWidth = route.receivers().stream().flatMap(r -> queueNames(r.queue()).stream())
                .mapToInt(String::length).max().orElse(0);
        for (Route.Receiver receiver : route.receivers()) {
            ConsumerQueue queue = receiver.queue();
            String settings = palette.faint(settings(queue.settings()));
            if (queue.consumer() instanceof Consumer.Subscriber subscriber) {
                out.println(label("received by") + subscriber.service() + "  "
                        + palette.faint("matches " + String.join(" ", receiver.matchedBy())));
                out.println(label("queue") + palette.cyan(TextLayout.pad(queue.queue(), queueWidth)) + "  " + settings);
            } else {
                out.println(label("worker queue") + palette.cyan(TextLayout.pad(queue.queue(), queueWidth)) + "  " + settings);
            }
            List<RetryQueue> retries = queue.retryQueues();
            for (int i = 0; i < retries.size(); i++) {
                RetryQueue retry = retries.get(i);
                out.println(label(i == 0 ? "retry queues" : "") + TextLayout.pad(retry.queue(), queueWidth) + "  "
                        + palette.faint("waits " + Durations.format(retry.delay())));
            }
            out.println(label("dead letters") + TextLayout.pad(queue.deadLetterQueue().queue(), queueWidth) + "  "
                    + palette.faint("via " + queue.deadLetterQueue().exchange()));
        }
    }

    private static List<String> queueNames(ConsumerQueue queue) {
        List<String> names = new ArrayList<>();
        names.add(queue.queue());
        queue.retryQueues().forEach(retry -> names.add(retry.queue()));
        names.add(queue.deadLetterQueue().queue());
        return names;
    }

    void printJson(PrintWriter out) {
        ObjectNode root = JsonOutput.object();
        root.put("key", message.key())
                .put("kind", message.kind().label())
                .put("domain", message.domain())
                .put("description", message.description());
        ObjectNode travel = root.putObject("route");
        travel.put("exchange", route.exchange()).put("routingKey", route.routingKey());
        ArrayNode queues = travel.putArray("queues");
        for (Route.Receiver receiver : route.receivers()) json(queues, receiver);
        root.set("schema", message.schema().document());
        ArrayNode examples = root.putArray("examples");
        message.examples().forEach(examples::add);
        out.println(JsonOutput.pretty(root));
    }

    /** The consuming queue, then its retry queues, then its dead-letter queue: one flat list, each entry with its role. */
    private static void json(ArrayNode queues, Route.Receiver receiver) {
        ConsumerQueue queue = receiver.queue();
        ObjectNode work = queues.addObject().put("queue", queue.queue());
        if (queue.consumer() instanceof Consumer.Subscriber subscriber) {
            work.put("role", "subscription").put("service", subscriber.service());
            ArrayNode patterns = work.putArray("matchingPatterns");
            receiver.matchedBy().forEach(patterns::add);
        } else {
            work.put("role", "worker");
        }
        settings(work, queue.settings());
        for (RetryQueue retry : queue.retryQueues()) {
            queues.addObject().put("queue", retry.queue()).put("role", "retry").put("workQueue", retry.workQueue())
                    .put("delay", Durations.format(retry.delay())).put("delayMillis", retry.delay().toMillis());
        }
        queues.addObject().put("queue", queue.deadLetterQueue().queue()).put("role", "dead-letter")
                .put("workQueue", queue.queue()).put("exchange", queue.deadLetterQueue().exchange());
    }

    private static void settings(ObjectNode node, QueueSettings settings) {
        node.put("queueType", settings.queueType().wireName())
                .put("prefetch", settings.prefetch())
                .put("attempts", settings.retry().attempts());
    }

    private static String settings(QueueSettings settings) {
        return settings.queueType().wireName() + ", prefetch " + settings.prefetch() + ", "
                + TextLayout.count(settings.retry().attempts(), "attempt");
    }

    private static String label(String text) {
        return "  " + TextLayout.pad(text, LABEL_WIDTH);
    }
}
