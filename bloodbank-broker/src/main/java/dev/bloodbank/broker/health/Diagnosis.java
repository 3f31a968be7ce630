package dev.bloodbank.broker.health;

import java.util.List;
import java.util.Optional;

/** Every check's finding, in the order the checks ran. */
public record Diagnosis(List<Finding> findings) {

    public Diagnosis {
        findings = List.copyOf(findings);
    }

    /** Healthy means every check is OK: a warning is not healthy, only not blocking. */
    public boolean healthy() {
        return findings.stream().allMatch(f -> f.status() == Status.OK);
    }

    public Status worst() {
        return findings.stream().map(Finding::status).max(Enum::compareTo).orElse(Status.OK);
    }

    /** The first finding at this status, for a one-line refusal. */
    public Optional<Finding> first(Status status) {
        return findings.stream().filter(f -> f.status() == status).findFirst();
    }

    public long count(Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }
}
