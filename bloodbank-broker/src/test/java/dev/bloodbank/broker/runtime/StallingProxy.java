package dev.bloodbank.broker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the test broker that can stop passing on what its clients send, as a
 * broker that stopped reading a connection does (a node that hangs, a path that passes data one way
 * only). A client of a stalled link can write until the socket buffers fill; then its writes block.
 * Connections made after {@link #stallCurrent} pass normally.
 */
final class StallingProxy implements AutoCloseable {

    /** One client connection and its connection to the broker. */
    private static final class Link {
        final Socket client;
        final Socket broker;
        volatile boolean stalled;

        Link(Socket client, Socket broker) {
            this.client = client;
            this.broker = broker;
        }

        void close() {
            closeQuietly(client);
            closeQuietly(broker);
        }
    }

    private final ServerSocket server;
    private final String brokerHost;
    private final int brokerPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    StallingProxy(String brokerHost, int brokerPort) throws IOException {
        this.brokerHost = brokerHost;
        this.brokerPort = brokerPort;
        this.server = new ServerSocket();
        // Small buffers on the proxy's side, so that a stalled client's writes block after little data.
        server.setReceiveBufferSize(8 * 1024);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("stalling-proxy-accept", this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Stops reading from the clients connected now. */
    void stallCurrent() {
        for (Link link : links) link.stalled = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(brokerHost, brokerPort);
                Link link = new Link(client, broker);
                links.add(link);
                daemon("stalling-proxy-up", () -> pump(link, client, broker, true));
                daemon("stalling-proxy-down", () -> pump(link, broker, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Link link, Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[8 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                while (upstream && link.stalled && !from.isClosed()) Thread.sleep(10);
                int n = in.read(buffer);
                if (n < 0) break;
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side went away: the link is over
        } finally {
            link.close();
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Link link : links) link.close();
    }
}
