package dev.bloodbank.broker.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How a read attaches to a stream that a node's death left between leaders. The broker's refusal
 * is played by a connection whose channels fail {@code basic.consume} as the broker does: an
 * {@code IOException} without a message, the reason in its cause.
 */
class StreamAttachTest {

    @Test
    @DisplayName("a consumer refused while the stream elects a leader is attached again")
    void transientRefusalIsRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Connection connection = connection(attempts, 2, 506, "stream queue 'bloodbank.schemas.v1' in vhost 'v' does not have a running replica on the local node");
        ArchiveReader reader = ArchiveReader.open(connection, "bloodbank.schemas.v1");

        assertEquals(-1, reader.tailOffset(), "an empty stream once attached");
        assertEquals(4, attempts.get(), "two refusals, then attached; once more for the timed probe of an empty stream");
    }

    @Test
    @DisplayName("a node without a member of the stream: after the patience, the error says another node may serve")
    void noLocalMemberAfterThePatienceSaysAnotherNodeMayServe() {
        AtomicInteger attempts = new AtomicInteger();
        Connection connection = connection(attempts, Integer.MAX_VALUE, 406,
                "PRECONDITION_FAILED - queue 'queue 'bloodbank.schemas.v1' in vhost 'v'' does not have a replica on the local node");
        ArchiveReader reader = ArchiveReader.open(connection, "bloodbank.schemas.v1", java.time.Duration.ofMillis(500));

        HistoryException e = assertThrows(HistoryException.class, reader::tailOffset);
        assertTrue(attempts.get() > 1, "tried again within the patience: " + attempts.get());
        assertTrue(e.anotherNodeMayServe(), e.getMessage());
    }

    @Test
    @DisplayName("a missing stream is not retried, and the error says the broker's reason")
    void notFoundFailsAtOnceWithTheReason() {
        AtomicInteger attempts = new AtomicInteger();
        Connection connection = connection(attempts, Integer.MAX_VALUE, 404, "NOT_FOUND - no queue 'bloodbank.archive.v1' in vhost 'v'");
        ArchiveReader reader = ArchiveReader.open(connection, "bloodbank.archive.v1");

        HistoryException e = assertThrows(HistoryException.class, reader::tailOffset);
        assertEquals(1, attempts.get());
        assertEquals("cannot read the stream bloodbank.archive.v1: NOT_FOUND - no queue 'bloodbank.archive.v1' in vhost 'v' (404)",
                e.getMessage());
        assertFalse(e.anotherNodeMayServe());
    }

    @Test
    @DisplayName("the reason of a channel the broker closed is read from the cause, never 'null'")
    void reasonIsReadFromTheCause() {
        ChannelFailure failure = ChannelFailure.of(new IOException(channelClose(541, "INTERNAL_ERROR")));
        assertEquals("INTERNAL_ERROR (541)", failure.toString());
        assertTrue(failure.transientOnStream());

        assertFalse(ChannelFailure.of(new IOException(channelClose(403, "ACCESS_REFUSED"))).transientOnStream());
        assertFalse(ChannelFailure.of(new IOException(channelClose(406, "PRECONDITION_FAILED"))).transientOnStream());
        ChannelFailure noMember = ChannelFailure.of(new IOException(channelClose(406,
                "PRECONDITION_FAILED - queue 'queue 's' in vhost 'v'' does not have a replica on the local node")));
        assertTrue(noMember.transientOnStream(), "RabbitMQ 3.10 says it with a 406");
        assertTrue(noMember.anotherNodeMayServe());
        assertFalse(failure.anotherNodeMayServe(), "a channel's internal error: this node may serve on a new channel");
        assertTrue(ChannelFailure.of(new IOException(channelClose(404, "NOT_FOUND"))).notFound());
        assertFalse(ChannelFailure.of(new java.net.SocketException("Connection reset")).transientOnStream(),
                "a lost socket is not fixed by a new channel on it");
    }

    @Test
    @DisplayName("existence: only the broker's 404 means absent; another failure is reported, not read as empty")
    void onlyNotFoundMeansAbsent() {
        assertFalse(ArchiveReader.streamExists(passiveDeclareFailing(404, "NOT_FOUND - no queue"), "s"));
        HistoryException e = assertThrows(HistoryException.class,
                () -> ArchiveReader.streamExists(passiveDeclareFailing(541, "INTERNAL_ERROR"), "s"));
        assertEquals("the broker did not say whether the stream s exists: INTERNAL_ERROR (541)", e.getMessage());
    }

    private static ShutdownSignalException channelClose(int code, String text) {
        AMQP.Channel.Close close = new AMQP.Channel.Close.Builder().replyCode(code).replyText(text).build();
        return new ShutdownSignalException(false, true, close, null);
    }

    /** Channels whose first {@code failures} consumes fail with this reply; later ones succeed. */
    private static Connection connection(AtomicInteger attempts, int failures, int code, String text) {
        com.rabbitmq.client.Consumer[] consumer = new com.rabbitmq.client.Consumer[1];
        return proxy(Connection.class, (method, args) -> switch (method) {
            case "createChannel" -> proxy(Channel.class, (m, a) -> {
                if (m.equals("basicConsume")) {
                    if (attempts.incrementAndGet() <= failures) throw new IOException(channelClose(code, text));
                    consumer[0] = (com.rabbitmq.client.Consumer) a[3];
                    return "ctag";
                }
                if (m.equals("basicCancel")) consumer[0].handleCancelOk((String) a[0]);
                return m.equals("isOpen") ? Boolean.FALSE : null;
            });
            default -> null;
        });
    }

    private static Connection passiveDeclareFailing(int code, String text) {
        return proxy(Connection.class, (method, args) -> method.equals("createChannel")
                ? proxy(Channel.class, (m, a) -> {
                    if (m.equals("queueDeclarePassive")) throw new IOException(channelClose(code, text));
                    return m.equals("isOpen") ? Boolean.FALSE : null;
                })
                : null);
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
