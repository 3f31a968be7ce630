package dev.bloodbank.testing;

import dev.bloodbank.dsl.MessageType;
import dev.bloodbank.dsl.Payloads;
import dev.bloodbank.envelope.Envelope;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What the application published (or sent) under one typed key, read and consumed in order, in
 * the manner of Kafka Streams' {@code TestOutputTopic}: each read takes what it returns, so a test
 * sees only what happened since its last read. Handles of the same key share what is unread.
 *
 * @param <T> the payload type of the key
 */
public final class TestOutput<T> {

    private final MessageType<T> type;
    private final Deque<Envelope> unread;
    private final Payloads payloads;

    TestOutput(MessageType<T> type, Deque<Envelope> unread, Payloads payloads) {
        this.type = type;
        this.unread = unread;
        this.payloads = payloads;
    }

    /** Takes the oldest unread envelope. */
    public Envelope readEnvelope() {
        Envelope next = unread.poll();
        if (next == null) throw new NoSuchElementException("nothing unread under " + type
                + ": the application " + (type.kind() == dev.bloodbank.topology.MessageKind.EVENT ? "published" : "sent")
                + " no more since the last read");
        return next;
    }

    /** Takes the oldest unread payload, bound to the key's type. */
    public T readValue() {
        return bind(readEnvelope());
    }

    /** Takes every unread payload, oldest first; empty when there is none. */
    public List<T> readValuesToList() {
        List<T> values = new ArrayList<>(unread.size());
        while (!unread.isEmpty()) values.add(bind(unread.poll()));
        return values;
    }

    /** Takes every unread envelope, oldest first. */
    public List<Envelope> readEnvelopesToList() {
        List<Envelope> envelopes = new ArrayList<>(unread);
        unread.clear();
        return envelopes;
    }

    public boolean isEmpty() {
        return unread.isEmpty();
    }

    /** How many are unread. */
    public int size() {
        return unread.size();
    }

    private T bind(Envelope envelope) {
        return payloads.read(envelope.payload(), type.payloadType());
    }

    @Override
    public String toString() {
        return "output of " + type + " (" + unread.size() + " unread)";
    }
}
