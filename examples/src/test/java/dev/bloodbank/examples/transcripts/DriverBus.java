package dev.bloodbank.examples.transcripts;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.MessageType;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.testing.BloodbankTestDriver;
import dev.bloodbank.topology.QueueSettings;
import java.time.Instant;
import java.util.List;

/** The scenarios on the in-memory test driver: everything has happened when a pipe returns. */
final class DriverBus implements Bus {

    private final BloodbankTestDriver driver;

    DriverBus(BloodbankApp app, FlowListener listener) {
        this.driver = new BloodbankTestDriver(app, Instant.parse("2026-11-27T10:00:00Z"), listener);
    }

    @Override
    public Envelope pipe(String key, Object payload) {
        return driver.pipe(key, payload);
    }

    @Override
    public <T> Envelope pipe(MessageType<T> type, T payload) {
        return driver.input(type).pipe(payload);
    }

    @Override
    public void pipeAgain(Envelope envelope) {
        driver.pipe(envelope);
    }

    @Override
    public void pipeRaw(String key, byte[] body) {
        driver.pipeRaw(key, body);
    }

    @Override
    public List<Envelope> published(String key, int expected) {
        return driver.published(key);
    }

    @Override
    public List<Envelope> sent(String key, int expected) {
        return driver.sent(key);
    }

    @Override
    public List<DeadLetter> deadLetters(QueueSettings queue, int expected) {
        driver.advanceUntilSettled();
        return driver.deadLetters(queue.deadLetterQueue());
    }

    @Override
    public void close() {
        driver.close();
    }
}
