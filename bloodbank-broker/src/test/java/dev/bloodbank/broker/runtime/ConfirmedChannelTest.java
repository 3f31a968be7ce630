package dev.bloodbank.broker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmCallback;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ReturnCallback;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The confirm bookkeeping without a broker: a channel that records publishes and lets the test answer them. */
class ConfirmedChannelTest {

    /** The broker side of the fake channel. */
    static final class FakeBroker {
        long nextSeq = 1;
        ConfirmCallback ack;
        ConfirmCallback nack;
        ReturnCallback returns;
        ShutdownListener shutdown;
        BlockedListener blocked;
        /** Runs inside each basicPublish: a write that the broker does not read blocks here. */
        volatile Callable<Void> write = () -> null;

        Connection connection() {
            Channel channel = (Channel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Channel.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getNextPublishSeqNo" -> nextSeq;
                        case "basicPublish" -> {
                            write.call();
                            nextSeq++;
                            yield null;
                        }
                        case "addConfirmListener" -> {
                            ack = (ConfirmCallback) args[0];
                            nack = (ConfirmCallback) args[1];
                            yield null;
                        }
                        case "addReturnListener" -> {
                            returns = (ReturnCallback) args[0];
                            yield null;
                        }
                        case "addShutdownListener" -> {
                            shutdown = (ShutdownListener) args[0];
                            yield null;
                        }
                        case "isOpen" -> true;
                        default -> null;
                    });
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "createChannel" -> channel;
                        case "addBlockedListener" -> {
                            blocked = (BlockedListener) args[0];
                            yield null;
                        }
                        case "removeBlockedListener" -> true;
                        default -> null;
                    });
        }
    }

    private final FakeBroker broker = new FakeBroker();
    private final ConnectionSocket socket = new ConnectionSocket();

    private ConfirmedChannel channel(RuntimeSettings settings) throws Exception {
        return new ConfirmedChannel(broker.connection(), socket, settings);
    }

    private static RuntimeSettings settings() {
        return settingsBuilder().build();
    }

    private static RuntimeSettings.Builder settingsBuilder() {
        return RuntimeSettings.builder("amqp://localhost", "test");
    }

    private static AMQP.BasicProperties withId(String id) {
        return new AMQP.BasicProperties.Builder().messageId(id).build();
    }

    private static PublishException failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(PublishException.class, e.getCause());
    }

    @Test
    void aMultipleAckConfirmsEveryPublishUpToItsTag() throws Exception {
        ConfirmedChannel channel = channel(settings());
        var one = channel.send("x", "k", withId("1"), new byte[0], "k");
        var two = channel.send("x", "k", withId("2"), new byte[0], "k");
        var three = channel.send("x", "k", withId("3"), new byte[0], "k");
        broker.ack.handle(2, true);
        assertTrue(one.isDone() && two.isDone());
        assertFalse(three.isDone());
        broker.nack.handle(3, false);
        assertEquals(PublishException.Reason.NACKED, failure(three).reason());
        assertEquals(0, channel.inFlight());
    }

    @Test
    void confirmsOutOfOrderThenAMultipleAckSettleEachPublishOnce() throws Exception {
        ConfirmedChannel ch = channel(settings());
        java.util.List<CompletableFuture<Long>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) sent.add(ch.send("ex", "k", withId("m" + i), new byte[0], "k"));
        broker.ack.handle(3, false);
        broker.nack.handle(1, false);
        assertTrue(sent.get(2).isDone() && !sent.get(2).isCompletedExceptionally());
        assertEquals(PublishException.Reason.NACKED, failure(sent.get(0)).reason());
        assertFalse(sent.get(1).isDone());
        broker.ack.handle(5, true);
        for (int i = 1; i < 5; i++) assertTrue(sent.get(i).isDone() && !sent.get(i).isCompletedExceptionally(), "publish " + (i + 1));
        assertFalse(sent.get(5).isDone());
        assertEquals(1, ch.inFlight());
        broker.ack.handle(6, true);
        assertEquals(0, ch.inFlight());
    }

    @Test
    void aReturnBeforeTheAckMakesThePublishUnroutable() throws Exception {
        ConfirmedChannel channel = channel(settings());
        var routed = channel.send("x", "a", withId("routed"), new byte[0], "a");
        var lost = channel.send("x", "b", withId("lost"), new byte[0], "b");
        broker.returns.handle(new Return(312, "NO_ROUTE", "x", "b", withId("lost"), new byte[0]));
        broker.ack.handle(2, true);
        routed.get(1, TimeUnit.SECONDS);
        PublishException e = failure(lost);
        assertEquals(PublishException.Reason.UNROUTABLE, e.reason());
        assertTrue(e.getMessage().contains("routing key 'b'"), e.getMessage());
    }

    @Test
    void aPublishWithoutConfirmFailsAfterTheConfirmTimeout() throws Exception {
        ConfirmedChannel channel = channel(settingsBuilder().confirmTimeout(Duration.ofMillis(100)).build());
        var future = channel.send("x", "k", withId("1"), new byte[0], "k");
        PublishException e = failure(future);
        assertEquals(PublishException.Reason.CONFIRM_TIMEOUT, e.reason());
        broker.ack.handle(1, false); // a late confirm changes nothing
        assertEquals(0, channel.inFlight());
    }

    @Test
    void everyUnconfirmedPublishFailsWhenTheChannelShutsDown() throws Exception {
        ConfirmedChannel channel = channel(settings());
        var one = channel.send("x", "k", withId("1"), new byte[0], "k");
        var two = channel.send("x", "k", withId("2"), new byte[0], "k");
        broker.shutdown.shutdownCompleted(new ShutdownSignalException(true, false, null, null));
        assertEquals(PublishException.Reason.CONNECTION_LOST, failure(one).reason());
        assertEquals(PublishException.Reason.CONNECTION_LOST, failure(two).reason());
        // After recovery the broker numbers publishes from 1 again; the new publish is tracked afresh.
        broker.nextSeq = 1;
        var after = channel.send("x", "k", withId("3"), new byte[0], "k");
        broker.ack.handle(1, false);
        after.get(1, TimeUnit.SECONDS);
    }

    @Test
    void aFullWindowRefusesAfterTheWindowTimeoutAndAConfirmMakesRoom() throws Exception {
        ConfirmedChannel channel = channel(settingsBuilder().publishWindow(2).windowTimeout(Duration.ofMillis(50)).build());
        channel.send("x", "k", withId("1"), new byte[0], "k");
        channel.send("x", "k", withId("2"), new byte[0], "k");
        var refused = channel.send("x", "k", withId("3"), new byte[0], "k");
        assertEquals(PublishException.Reason.WINDOW_FULL, failure(refused).reason());
        broker.ack.handle(1, false);
        var accepted = channel.send("x", "k", withId("4"), new byte[0], "k");
        assertFalse(accepted.isDone(), "in the window, awaiting its confirm");
        assertEquals(2, channel.inFlight());
    }

    @Test
    void whileTheBrokerBlocksPublishingAPublishWaitsAndGoesOutWhenItUnblocks() throws Exception {
        ConfirmedChannel channel = channel(settingsBuilder().windowTimeout(Duration.ofSeconds(5)).build());
        broker.blocked.handleBlocked("low on memory");
        var waiting = CompletableFuture.supplyAsync(() -> channel.send("x", "k", withId("1"), new byte[0], "k"));
        Thread.sleep(100);
        assertEquals(1, broker.nextSeq, "nothing is written while the broker blocks publishing");
        broker.blocked.handleUnblocked();
        var sent = waiting.get(5, TimeUnit.SECONDS);
        assertEquals(2, broker.nextSeq);
        broker.ack.handle(1, false);
        sent.get(1, TimeUnit.SECONDS);
    }

    @Test
    void aBlockThatOutlastsTheWindowTimeoutFailsThePublishAsBlockedWithoutWritingIt() throws Exception {
        ConfirmedChannel channel = channel(settingsBuilder().publishWindow(1).windowTimeout(Duration.ofMillis(100)).build());
        broker.blocked.handleBlocked("low on memory");
        PublishException e = failure(channel.send("x", "k", withId("1"), new byte[0], "k"));
        assertEquals(PublishException.Reason.BLOCKED, e.reason());
        assertTrue(e.getMessage().contains("blocked publishing") && e.getMessage().contains("low on memory"), e.getMessage());
        assertEquals(1, broker.nextSeq, "nothing was written");
        assertEquals(0, channel.inFlight());
        broker.blocked.handleUnblocked();
        channel.send("x", "k", withId("2"), new byte[0], "k"); // the window of one is free
        assertEquals(1, channel.inFlight());
    }

    @Test
    void aLostConnectionForgetsTheBlock() throws Exception {
        ConfirmedChannel channel = channel(settingsBuilder().windowTimeout(Duration.ofMillis(100)).build());
        broker.blocked.handleBlocked("low on disk");
        broker.shutdown.shutdownCompleted(new ShutdownSignalException(true, false, null, null));
        channel.send("x", "k", withId("1"), new byte[0], "k");
        assertEquals(1, channel.inFlight(), "the recovered connection is not blocked until the broker says so");
    }

    @Test
    void aWriteTheBrokerDoesNotReadIsCutAfterTheConfirmTimeoutAndOthersDoNotWaitForIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            socket.configure(client);
            broker.write = () -> {
                // a write that only the socket's close ends, as a full send buffer does
                while (!client.isClosed()) Thread.sleep(5);
                throw new IOException("Socket closed");
            };
            ConfirmedChannel channel = channel(settingsBuilder().windowTimeout(Duration.ofMillis(100))
                    .confirmTimeout(Duration.ofMillis(400)).build());
            var stuck = CompletableFuture.supplyAsync(() -> channel.send("x", "k", withId("1"), new byte[0], "k"))
                    .thenCompose(f -> f);
            Thread.sleep(50);
            PublishException behind = failure(channel.send("x", "k", withId("2"), new byte[0], "k"));
            assertEquals(PublishException.Reason.BLOCKED, behind.reason());
            assertTrue(behind.getMessage().contains("another publish has been writing"), behind.getMessage());
            assertFalse(stuck.isDone(), "still writing before the confirm timeout");

            PublishException cut = failure(stuck);
            // lost when the writer sees its write fail first, unconfirmed when the timer's sweep takes it first: both are resent
            assertTrue(cut.reason() == PublishException.Reason.CONNECTION_LOST
                    || cut.reason() == PublishException.Reason.CONFIRM_TIMEOUT, cut.getMessage());
            assertTrue(Resends.retryable(cut.reason()));
            assertTrue(client.isClosed(), "the socket under the stalled write was cut");
            assertEquals(0, channel.inFlight());
        }
    }
}
