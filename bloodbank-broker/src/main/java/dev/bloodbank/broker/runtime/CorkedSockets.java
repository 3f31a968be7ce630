package dev.bloodbank.broker.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;

/**
 * Sockets that gather what the client writes for a moment before sending it, as TCP_CORK does.
 * amqp-client flushes after every command: each publish is a write of its own, a system call on
 * this side and a read on the broker's, which shares the cores of a small machine. A corked socket
 * copies the bytes into a buffer and sends them a moment after the first flush that found it idle
 * ({@link RuntimeSettings#sendDelay}, 300 µs by default), or at once when 64 KB wait: a stream of
 * publishes then goes out a few dozen at a time. The cost is that delay on a lone message, well
 * under a broker's own confirm time.
 *
 * <p>The end-to-end benchmark measured 15–18 % less client CPU per message and 15 % more
 * throughput with it (docs/metrics-and-benchmarks.md). A write that fails in the background fails
 * the next write or flush of the connection, which the client then treats as lost. Only plain
 * sockets are corked; TLS connections keep the client's own.
 */
final class CorkedSockets extends SocketFactory {

    /** Bytes held at most before they go out at once: a 64 KB send is one system call still. */
    static final int LIMIT = 64 * 1024;

    private final long delayNanos;

    CorkedSockets(Duration delay) {
        this.delayNanos = delay.toNanos();
    }

    @Override
    public Socket createSocket() {
        return new CorkedSocket(delayNanos);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        return connected(address, null);
    }

    /** The client asks for an unconnected socket; these others are for whoever uses a factory otherwise. */
    private Socket connected(InetSocketAddress address, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        if (local != null) socket.bind(local);
        socket.connect(address);
        return socket;
    }

    /** A socket whose output stream is corked; closing it stops that stream's sender. */
    static final class CorkedSocket extends Socket {
        private final long delayNanos;
        private CorkedOutput out;

        CorkedSocket(long delayNanos) {
            this.delayNanos = delayNanos;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) out = CorkedOutput.start(super.getOutputStream(), delayNanos, "bloodbank-send " + getLocalPort());
            return out;
        }

        /** Closes first, then stops the sender: a sender stuck in a write holds the buffer until the close fails that write. */
        @Override
        public void close() throws IOException {
            super.close();
            CorkedOutput corked;
            synchronized (this) {
                corked = out;
            }
            if (corked != null) corked.stop();
        }
    }

    /**
     * The buffer and its sender: a thread of its own per connection, so that a broker that stops
     * reading one connection holds up no other.
     */
    static final class CorkedOutput extends OutputStream {
        private final OutputStream socket;
        private final long delayNanos;
        private final byte[] buffer = new byte[LIMIT];
        private int count;
        /** A flush is waiting for the sender. */
        private boolean due;
        private boolean stopped;
        /** Why the sender's last write failed: every later write and flush fails with it. */
        private IOException broken;

        private CorkedOutput(OutputStream socket, long delayNanos) {
            this.socket = socket;
            this.delayNanos = delayNanos;
        }

        static CorkedOutput start(OutputStream socket, long delayNanos, String name) {
            CorkedOutput out = new CorkedOutput(socket, delayNanos);
            Thread sender = new Thread(out::send, name);
            sender.setDaemon(true);
            sender.start();
            return out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            failIfBroken();
            if (count + len > buffer.length) {
                drain();
                if (len > buffer.length) {
                    socket.write(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        /** Hands the bytes to the sender, which sends them after the delay with whatever comes meanwhile. */
        @Override
        public synchronized void flush() throws IOException {
            failIfBroken();
            if (count > 0 && !due) {
                due = true;
                notifyAll();
            }
        }

        /** The sender's loop: wait for a flush, let more come for the delay, send it all. */
        private void send() {
            while (true) {
                synchronized (this) {
                    while (!due && !stopped) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // nothing else would send what the client writes: fail it rather than hold it
                            broken = new IOException("the sender of this connection was interrupted");
                            return;
                        }
                    }
                    if (stopped) return;
                }
                LockSupport.parkNanos(delayNanos);
                synchronized (this) {
                    due = false;
                    try {
                        drain();
                    } catch (IOException e) {
                        broken = e;
                    }
                }
            }
        }

        private void drain() throws IOException {
            if (count == 0) return;
            socket.write(buffer, 0, count);
            socket.flush();
            count = 0;
        }

        private void failIfBroken() throws IOException {
            if (broken != null) throw new IOException("sending to the broker failed: " + broken.getMessage(), broken);
            if (stopped) throw new IOException("the socket is closed");
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            stop();
        }
    }
}
