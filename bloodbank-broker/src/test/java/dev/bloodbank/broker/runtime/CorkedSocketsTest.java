package dev.bloodbank.broker.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The corked output stream against a recording one: what goes out, when, and in how many writes. */
class CorkedSocketsTest {

    /** Records each write that reaches the "socket". */
    static final class Wire extends OutputStream {
        final List<byte[]> writes = new CopyOnWriteArrayList<>();
        volatile IOException failure;

        @Override
        public void write(int b) {
            throw new AssertionError("single bytes are not written through");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failure != null) throw failure;
            writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
        }

        byte[] all() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] w : writes) out.writeBytes(w);
            return out.toByteArray();
        }
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 5 s");
            Thread.sleep(1);
        }
    }

    @Test
    void flushedCommandsGoOutTogetherAfterTheDelayInOneWrite() throws Exception {
        Wire wire = new Wire();
        var out = CorkedSockets.CorkedOutput.start(wire, TimeUnit.MILLISECONDS.toNanos(100), "test-send");
        try {
            for (int i = 0; i < 20; i++) {
                out.write(new byte[] {(byte) i, (byte) i}, 0, 2);
                out.flush();
            }
            assertTrue(wire.writes.isEmpty(), "nothing is sent before the delay");
            await(() -> !wire.writes.isEmpty());
            assertEquals(1, wire.writes.size(), "twenty flushed commands in one write");
            byte[] expected = new byte[40];
            for (int i = 0; i < 20; i++) expected[2 * i] = expected[2 * i + 1] = (byte) i;
            assertArrayEquals(expected, wire.all());

            out.write(new byte[] {42}, 0, 1);
            out.flush();
            await(() -> wire.writes.size() == 2);
            assertArrayEquals(new byte[] {42}, wire.writes.get(1), "a later flush is sent too");
        } finally {
            out.close();
        }
    }

    @Test
    void aFullBufferGoesOutAtOnceWithoutWaitingForTheDelay() throws Exception {
        Wire wire = new Wire();
        var out = CorkedSockets.CorkedOutput.start(wire, TimeUnit.SECONDS.toNanos(60), "test-send");
        try {
            byte[] chunk = new byte[CorkedSockets.LIMIT / 2 + 1];
            out.write(chunk, 0, chunk.length);
            out.write(chunk, 0, chunk.length);   // does not fit beside the first: the first goes out
            assertEquals(1, wire.writes.size());
            byte[] large = new byte[CorkedSockets.LIMIT + 1];
            out.write(large, 0, large.length);   // the second goes out, then this one, unbuffered
            assertEquals(3, wire.writes.size());
            assertEquals(large.length, wire.writes.get(2).length);
        } finally {
            out.close();
        }
    }

    @Test
    void aSendThatFailedFailsTheNextWriteAndFlush() throws Exception {
        Wire wire = new Wire();
        wire.failure = new IOException("Broken pipe");
        var out = CorkedSockets.CorkedOutput.start(wire, TimeUnit.MILLISECONDS.toNanos(1), "test-send");
        try {
            out.write(new byte[] {1}, 0, 1);
            out.flush();
            await(() -> {
                try {
                    out.flush();
                    return false;
                } catch (IOException e) {
                    return e.getMessage().contains("Broken pipe");
                }
            });
            IOException e = assertThrows(IOException.class, () -> out.write(new byte[] {2}, 0, 1));
            assertTrue(e.getMessage().contains("Broken pipe"), e.getMessage());
        } finally {
            out.close();
        }
    }

    @Test
    void closingStopsTheSender() throws Exception {
        Wire wire = new Wire();
        var out = CorkedSockets.CorkedOutput.start(wire, TimeUnit.MILLISECONDS.toNanos(1), "test-send-stop");
        out.close();
        await(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("test-send-stop")));
        assertThrows(IOException.class, () -> out.write(new byte[] {1}, 0, 1));
    }

    @Test
    void plainConnectionsAreCorkedUnlessTheSendDelayIsZero() {
        var settings = RuntimeSettings.builder("amqp://guest:guest@localhost:5672/%2F", "test");
        assertTrue(Connections.factory(settings.build()).getSocketFactory() instanceof CorkedSockets);
        assertTrue(!(Connections.factory(settings.sendDelay(java.time.Duration.ZERO).build()).getSocketFactory()
                instanceof CorkedSockets), "zero sends each command at once, through the client's own sockets");
    }
}
