package dev.bloodbank.broker.reconcile;

/** What a safety policy did with one change: carried it out (or, in a dry run, would), or refused it. */
sealed interface Verdict {

    /** {@code detail} says more than the action itself, or is null. */
    record Carried(String detail) implements Verdict {
    }

    record Refused(Refusal refusal) implements Verdict {
    }

    static Verdict carried() {
        return new Carried(null);
    }

    static Verdict carried(String detail) {
        return new Carried(detail);
    }

    static Verdict refused(Refusal refusal) {
        return new Refused(refusal);
    }
}
