package dev.bloodbank.broker.history;

/** Told after every batch the broker confirmed: how many this replay has sent, of how many. */
@FunctionalInterface
public interface ReplayListener {

    ReplayListener SILENT = (sent, total) -> {};

    void confirmed(long sent, long total);
}
