package dev.bloodbank.dsl;

import java.util.List;

/**
 * The graph of a built application as data: one sub-topology per consumed queue, each a list of
 * nodes in the order they were written. Its {@link #toString()} is the text people read; it is the
 * same on every run, so it can be diffed and kept in docs.
 */
public record AppDescription(String service, List<Subtopology> subtopologies) {

    public AppDescription {
        subtopologies = List.copyOf(subtopologies);
    }

    /** The nodes fed by one queue. */
    public record Subtopology(int id, String queue, List<Node> nodes) {
        public Subtopology {
            nodes = List.copyOf(nodes);
        }
    }

    /** One operator: its name, role, what it reads or writes, and its neighbours by name. */
    public record Node(String name, Role role, String detail, List<String> predecessors, List<String> successors) {
        public Node {
            predecessors = List.copyOf(predecessors);
            successors = List.copyOf(successors);
        }
    }

    public enum Role {
        SOURCE("Source"),
        PROCESSOR("Processor"),
        SINK("Sink");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder("Service: ").append(service).append(nl);
        for (Subtopology sub : subtopologies) {
            text.append("  Sub-topology: ").append(sub.id()).append(" (queue: ").append(sub.queue()).append(')').append(nl);
            for (Node node : sub.nodes()) {
                text.append("    ").append(node.role().label()).append(": ").append(node.name());
                if (node.detail() != null) text.append(" (").append(node.detail()).append(')');
                text.append(nl);
                if (node.role() != Role.SINK)
                    text.append("      --> ").append(names(node.successors())).append(nl);
                if (node.role() != Role.SOURCE)
                    text.append("      <-- ").append(names(node.predecessors())).append(nl);
            }
        }
        return text.toString();
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
