package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.SocketConfigurator;
import com.rabbitmq.client.SocketConfigurators;
import java.io.IOException;
import java.net.Socket;

/**
 * The TCP socket under a self-recovering connection: the latest one that connecting or recovery
 * opened. Kept so that a write the broker stopped reading can be cut short. The client's own
 * close sends {@code connection.close} through the very stream that the stalled write holds, and
 * waits behind it; closing the socket fails that write at once, and recovery connects again.
 */
final class ConnectionSocket implements SocketConfigurator {

    private static final SocketConfigurator DEFAULTS = SocketConfigurators.defaultConfigurator();

    private volatile Socket current;

    @Override
    public void configure(Socket socket) throws IOException {
        DEFAULTS.configure(socket);
        current = socket;
    }

    /**
     * Closes the current socket.
     *
     * @return whether there was an open one to close
     */
    boolean cut() {
        Socket socket = current;
        if (socket == null || socket.isClosed()) return false;
        try {
            socket.close();
        } catch (IOException e) {
            // closed with an error is closed all the same
        }
        return true;
    }
}
