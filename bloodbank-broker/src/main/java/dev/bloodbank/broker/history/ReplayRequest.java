package dev.bloodbank.broker.history;

import java.util.regex.Pattern;

/**
 * What to replay: the events of {@code window} whose keys match {@code pattern} and that
 * {@code target} (a subscription or a command worker) receives, at most {@code ratePerSecond}
 * (0: as fast as the broker confirms), under a {@code name} that a resume gives again.
 */
public record ReplayRequest(String name, TimeWindow window, String pattern, String target, double ratePerSecond) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    public ReplayRequest {
        if (!NAME.matcher(name).matches())
            throw new HistoryException("--name '" + name + "' must be 1-100 lower-case letters, digits, '.', '_' or '-'");
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond))
            throw new HistoryException("--rate must be positive, was " + ratePerSecond);
    }
}
