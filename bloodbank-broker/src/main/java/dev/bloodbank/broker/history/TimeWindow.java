package dev.bloodbank.broker.history;

import java.time.Instant;

/**
 * A span of envelope timestamps: {@code since} included, {@code until} excluded, so that two
 * adjacent windows never both hold an event at their shared boundary.
 */
public record TimeWindow(Instant since, Instant until) {

    public TimeWindow {
        if (!until.isAfter(since))
            throw new HistoryException("--until " + until + " is not after --since " + since + ": the window is empty");
    }

    public boolean includes(Instant timestamp) {
        return !timestamp.isBefore(since) && timestamp.isBefore(until);
    }
}
