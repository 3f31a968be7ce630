package dev.bloodbank.dsl;

import java.util.List;

/** An application that cannot run against its topology, with every problem found, not only the first. */
public final class WiringException extends RuntimeException {

    private final transient List<WiringProblem> problems;

    WiringException(String service, List<WiringProblem> problems) {
        super(message(service, problems));
        this.problems = List.copyOf(problems);
    }

    public List<WiringProblem> problems() {
        return problems;
    }

    private static String message(String service, List<WiringProblem> problems) {
        StringBuilder text = new StringBuilder("service '").append(service).append("' is wired wrongly (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (WiringProblem p : problems) text.append(System.lineSeparator()).append("  ").append(p);
        return text.toString();
    }
}
