package dev.bloodbank.cli.dashboard;

import dev.bloodbank.engine.DeadLetter;
import java.util.List;

/**
 * The dead letters of one work queue: how many there are and the first of them in full. The
 * payload travels as text; the page shows it as text, whatever it holds.
 *
 * @param queue the work queue whose dead letters these are
 */
record DeadLetterView(String queue, String deadLetterQueue, long count, List<Letter> letters) {

    /** One dead letter: why it failed, after how many attempts, and its body. */
    record Letter(String messageId, String type, String reason, int attempts, String failedAt, String errorClass,
                  String errorMessage, String routingKey, String payload) {

        static Letter of(DeadLetter d) {
            return new Letter(d.messageId(), d.type(), d.reason(), d.attempts(), d.failedAt(), d.errorClass(),
                    d.errorMessage(), d.originalRoutingKey(), d.bodyText());
        }
    }

    /** What a replay did, in the words of {@code bloodbank dlq replay}. */
    record Replay(String queue, List<String> replayed, List<String> failures, long remaining) {}
}
