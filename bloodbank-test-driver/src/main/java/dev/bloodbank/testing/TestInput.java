package dev.bloodbank.testing;

import dev.bloodbank.dsl.MessageType;
import dev.bloodbank.envelope.Envelope;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Pipes payloads of one typed key into the driver, as another service would publish (or send)
 * them: {@code driver.input(Events.FIREFLIES_TRANSCRIPT_UPLOADED).pipe(uploaded)}. A payload of
 * another type does not compile. Each pipe runs the application until its queues are empty.
 *
 * @param <T> the payload type of the key
 */
public final class TestInput<T> {

    private final BloodbankTestDriver driver;
    private final MessageType<T> type;

    TestInput(BloodbankTestDriver driver, MessageType<T> type) {
        this.driver = driver;
        this.type = type;
    }

    /** Pipes the payload in an envelope stamped with the driver's clock. */
    public Envelope pipe(T payload) {
        return driver.pipe(type.key(), payload, Map.of(), driver.now());
    }

    /** Pipes the payload with these AMQP headers on the delivery. */
    public Envelope pipe(T payload, Map<String, ?> headers) {
        return driver.pipe(type.key(), payload, Objects.requireNonNull(headers, "headers"), driver.now());
    }

    /**
     * Pipes the payload in an envelope stamped {@code timestamp}, as a producer with another clock
     * would; the driver's clock does not move.
     */
    public Envelope pipe(T payload, Instant timestamp) {
        return driver.pipe(type.key(), payload, Map.of(), Objects.requireNonNull(timestamp, "timestamp"));
    }

    @Override
    public String toString() {
        return "input of " + type;
    }
}
