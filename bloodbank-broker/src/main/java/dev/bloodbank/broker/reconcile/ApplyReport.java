package dev.bloodbank.broker.reconcile;

import java.util.List;

/**
 * What an apply did with each change of its plan, in plan order. After a failure the rest is
 * {@link Status#NOT_ATTEMPTED}; running apply again finishes the job, because the next plan is
 * computed from what the broker then holds.
 */
public record ApplyReport(Plan plan, boolean dryRun, List<Outcome> outcomes) {

    public ApplyReport {
        outcomes = List.copyOf(outcomes);
    }

    public enum Status {
        /** Carried out. */
        DONE,
        /** Dry run: would be carried out. */
        PLANNED,
        /** Not carried out for safety (a replacement without --allow-recreate, a queue with messages). */
        REFUSED,
        /** Not carried out because it depends on a refused change. */
        SKIPPED,
        /** The broker refused it or could not be reached. */
        FAILED,
        /** Not tried, because an earlier level failed. */
        NOT_ATTEMPTED
    }

    /**
     * One change and what became of it; {@code detail} says why for anything but DONE/PLANNED.
     * A refused change carries its {@link Refusal} (null otherwise), and its detail is the
     * refusal's message.
     */
    public record Outcome(Change change, Status status, String detail, Refusal refusal) {

        public Outcome(Change change, Status status, String detail) {
            this(change, status, detail, null);
        }

        static Outcome refused(Change change, Refusal refusal) {
            return new Outcome(change, Status.REFUSED, refusal.message(), refusal);
        }
    }

    /** True when every change was carried out (or, in a dry run, would be). */
    public boolean succeeded() {
        return outcomes.stream().allMatch(o -> o.status() == Status.DONE || o.status() == Status.PLANNED);
    }

    public long count(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
