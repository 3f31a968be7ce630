package dev.bloodbank.broker.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Queue arguments checked against the queue type")
class QueueArgumentsTest {

    @ParameterizedTest(name = "{0} with {1}={2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            quorum  | x-max-priority        | 10                 | only supported by classic queues
            quorum  | x-queue-mode          | lazy               | only supported by classic queues
            quorum  | x-overflow            | reject-publish-dlx | not supported by quorum queues
            classic | x-delivery-limit      | 5                  | only supported by quorum queues
            classic | x-dead-letter-strategy| at-least-once      | only supported by quorum queues
            stream  | x-max-length          | 5                  | not supported by stream queues
            lazy    | x-max-length          | 5                  | not one Bloodbank declares
            """)
    void refusesArgumentsTheTypeDoesNotSupport(String type, String argument, String value, String expected) {
        Queue queue = Queue.durable("bloodbank.q", type, Map.of(argument, value));
        BrokerTopologyException e = assertThrows(BrokerTopologyException.class, () -> QueueArguments.check(queue));
        assertTrue(e.getMessage().startsWith("queue bloodbank.q (" + type + "): "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "{0} with {1}={2} is fine")
    @CsvSource(delimiter = '|', textBlock = """
            quorum  | x-overflow       | drop-head
            quorum  | x-max-length     | 100
            quorum  | x-delivery-limit | 5
            quorum  | x-message-ttl    | 1000
            classic | x-max-priority   | 10
            classic | x-overflow       | reject-publish-dlx
            """)
    void acceptsArgumentsTheTypeSupports(String type, String argument, String value) {
        assertEquals(java.util.List.of(), QueueArguments.problems(Queue.durable("bloodbank.q", type, Map.of(argument, value))));
    }

    @Test
    void refusesANonDurableQuorumQueue() {
        Queue queue = new Queue("bloodbank.q", "quorum", false, false, false, Map.of());
        assertTrue(QueueArguments.problems(queue).contains("quorum queues are always durable"));
    }
}
