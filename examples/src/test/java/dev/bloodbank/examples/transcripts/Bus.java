package dev.bloodbank.examples.transcripts;

import dev.bloodbank.dsl.CommandType;
import dev.bloodbank.dsl.EventType;
import dev.bloodbank.dsl.MessageType;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.topology.QueueSettings;
import java.util.List;

/**
 * Where the scenarios run: the in-memory test driver, or RabbitMQ with the real runtime. Reads
 * take the number of messages a scenario expects: the broker waits for them (its work is
 * asynchronous), the driver has them already.
 */
interface Bus extends AutoCloseable {

    /** Publishes (or sends) a payload as another service would; it is not validated on the way in. */
    Envelope pipe(String key, Object payload);

    /** Publishes (or sends) a payload of a typed key: one of another type does not compile. */
    default <T> Envelope pipe(MessageType<T> type, T payload) {
        return pipe(type.key(), payload);
    }

    /** Publishes this exact envelope again, as a redelivery would. */
    void pipeAgain(Envelope envelope);

    /** Publishes a body that is not an envelope. */
    void pipeRaw(String key, byte[] body);

    /** The events the application published with this key, once at least {@code expected} are there. */
    List<Envelope> published(String key, int expected);

    /** The commands the application sent with this key, once at least {@code expected} are there. */
    List<Envelope> sent(String key, int expected);

    default List<Envelope> published(EventType<?> type, int expected) {
        return published(type.key(), expected);
    }

    default List<Envelope> sent(CommandType<?> type, int expected) {
        return sent(type.key(), expected);
    }

    /** The dead letters of this work queue, once at least {@code expected} are there (retries run their course). */
    List<DeadLetter> deadLetters(QueueSettings queue, int expected);

    @Override
    void close() throws Exception;
}
