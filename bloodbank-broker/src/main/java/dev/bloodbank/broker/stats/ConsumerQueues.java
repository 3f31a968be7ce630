package dev.bloodbank.broker.stats;

import java.util.List;
import java.util.stream.Stream;

/**
 * The queues of one consumer of the topology: its work queue, the retry queues where failed
 * messages wait out their back-off, and the dead-letter queue where they end up.
 *
 * @param role  whether a command's workers or a subscription's service consume it
 * @param owner the command key or the subscription's service name
 */
public record ConsumerQueues(Role role, String owner, QueueReading work, List<QueueReading> retries, QueueReading deadLetter) {

    /** Who consumes a work queue. */
    public enum Role {
        COMMAND("command"),
        SUBSCRIPTION("subscription");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ConsumerQueues {
        retries = List.copyOf(retries);
    }

    /** Messages waiting in the retry queues, all delays together. */
    public long retrying() {
        return retries.stream().mapToLong(QueueReading::depth).sum();
    }

    /** Every queue of this consumer, work queue first. */
    public Stream<QueueReading> queues() {
        return Stream.concat(Stream.concat(Stream.of(work), retries.stream()), Stream.of(deadLetter));
    }
}
