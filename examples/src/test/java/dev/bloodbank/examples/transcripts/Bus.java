package dev.bloodbank.examples.transcripts;

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

    /** Publishes this exact envelope again, as a redelivery would. */
    void pipeAgain(Envelope envelope);

    /** Publishes a body that is not an envelope. */
    void pipeRaw(String key, byte[] body);

    /** The events the application published with this key, once at least {@code expected} are there. */
    List<Envelope> published(String key, int expected);

    /** The commands the application sent with this key, once at least {@code expected} are there. */
    List<Envelope> sent(String key, int expected);

    /** The dead letters of this work queue, once at least {@code expected} are there (retries run their course). */
    List<DeadLetter> deadLetters(QueueSettings queue, int expected);

    @Override
    void close() throws Exception;
}
