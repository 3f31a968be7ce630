package dev.bloodbank.broker.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Normalising argument values as the management API returns them")
class ArgumentsTest {

    @Test
    void treatsEveryRepresentationOfAnIntegralNumberAlike() {
        Map<String, Object> declared = Arguments.normalise(Map.of("x-message-ttl", 1000L));
        for (Object read : List.of(1000, 1000L, 1000.0, new BigDecimal("1000.00"), "1000", " 1000 ")) {
            assertEquals(declared, Arguments.normalise(Map.of("x-message-ttl", read)), "read back as " + read.getClass().getSimpleName());
        }
    }

    @Test
    void keepsTextOfNonNumericArgumentsAsText() {
        assertNotEquals(Arguments.normalise(Map.of("x-dead-letter-routing-key", 1000L)),
                Arguments.normalise(Map.of("x-dead-letter-routing-key", "1000")));
    }

    @Test
    void keepsFractionsAndSortsKeys() {
        Map<String, Object> n = Arguments.normalise(Map.of("b", 1.5, "a", "x"));
        assertEquals(List.of("a", "b"), List.copyOf(n.keySet()));
        assertEquals(1.5, n.get("b"));
    }

    @Test
    void readsTheQueueTypeFromTheTypeFieldNotTheArguments() {
        Queue declared = Queue.durable("q", "classic", Map.of("x-queue-type", "classic"));
        Queue readBack = new Queue("q", "classic", true, false, false, Map.of());
        assertEquals(declared, readBack);
    }
}
