package dev.bloodbank.cli.dashboard;

import dev.bloodbank.broker.runtime.DeadLetterQueue;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.Routing;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and replays the dead letters of the topology's work queues through the runtime's
 * {@link DeadLetterQueue}, the same code as {@code bloodbank dlq}. Each request opens its own
 * connection: requests are rare (a person clicking), and nothing stays open when the broker goes.
 */
final class DeadLetters {

    /** Most letters one request shows: browsing holds each of them unacknowledged meanwhile. */
    static final int MOST_SHOWN = 100;

    private final Routing routing;
    private final RuntimeSettings settings;

    DeadLetters(Routing routing, RuntimeSettings settings) {
        this.routing = routing;
        this.settings = settings;
    }

    DeadLetterView browse(String workQueue, int max) {
        return withQueue(workQueue, dlq -> {
            long count = dlq.count();
            List<DeadLetterView.Letter> letters = count == 0 ? List.of()
                    : dlq.browse(Math.min(max, MOST_SHOWN)).stream().map(DeadLetterView.Letter::of).toList();
            return new DeadLetterView(workQueue, dlq.name(), count, letters);
        });
    }

    /** Replays the letters with these ids, or every letter present now when {@code ids} is empty. */
    DeadLetterView.Replay replay(String workQueue, Set<String> ids) {
        return withQueue(workQueue, dlq -> {
            DeadLetterQueue.ReplayReport report = dlq.replay(Integer.MAX_VALUE,
                    d -> ids.isEmpty() || (d.messageId() != null && ids.contains(d.messageId())));
            List<String> replayed = report.replayed().stream().map(d -> d.messageId() == null ? "-" : d.messageId()).toList();
            return new DeadLetterView.Replay(workQueue, replayed, report.failures(), report.remaining());
        });
    }

    private <T> T withQueue(String workQueue, Function<DeadLetterQueue, T> action) {
        ConsumerQueue queue = routing.consumerQueue(workQueue)
                .orElseThrow(() -> new ApiError(404, "no work queue '" + workQueue + "' in the topology"));
        try (DeadLetterQueue dlq = DeadLetterQueue.open(queue, settings)) {
            return action.apply(dlq);
        }
    }
}
