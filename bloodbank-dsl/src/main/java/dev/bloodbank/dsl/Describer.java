package dev.bloodbank.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns the graph into its {@link AppDescription}: nodes grouped by the queue that feeds them, in written order. */
final class Describer {

    private Describer() {}

    /** The sources that one queue feeds. */
    record Queue(String name, List<GraphNode> sources) {}

    static AppDescription describe(String service, List<Queue> queues) {
        List<AppDescription.Subtopology> subtopologies = new ArrayList<>();
        for (Queue queue : queues) {
            subtopologies.add(new AppDescription.Subtopology(subtopologies.size(), queue.name(), nodes(queue.sources())));
        }
        return new AppDescription(service, subtopologies);
    }

    private static List<AppDescription.Node> nodes(List<GraphNode> roots) {
        Set<GraphNode> reached = new LinkedHashSet<>();
        Deque<GraphNode> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            GraphNode node = todo.poll();
            if (reached.add(node)) todo.addAll(node.children);
        }
        return reached.stream()
                .sorted(Comparator.comparingInt(n -> n.index))
                .map(n -> new AppDescription.Node(n.name, role(n.role), n.detail,
                        n.parents.stream().map(p -> p.name).toList(),
                        n.children.stream().map(c -> c.name).toList()))
                .toList();
    }

    private static AppDescription.Role role(GraphNode.Role role) {
        return switch (role) {
            case SOURCE -> AppDescription.Role.SOURCE;
            case PROCESSOR -> AppDescription.Role.PROCESSOR;
            case SINK -> AppDescription.Role.SINK;
        };
    }
}
