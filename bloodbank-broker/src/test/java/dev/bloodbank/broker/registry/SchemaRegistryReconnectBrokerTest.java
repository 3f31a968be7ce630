package dev.bloodbank.broker.registry;

import static dev.bloodbank.broker.registry.RegistryTopologies.MERGED;
import static dev.bloodbank.broker.registry.RegistryTopologies.V1;
import static dev.bloodbank.broker.registry.RegistryTopologies.apply;
import static dev.bloodbank.broker.registry.RegistryTopologies.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry read that another node may serve. In a cluster that moves a stream's members, RabbitMQ
 * closes a whole connection when a channel consuming the stream crashes (here the broker is made
 * to close it with a connection-level error of its own), and a node whose member stopped refuses
 * consumers (played by a connection that answers as that node does).
 */
@ExtendWith(BrokerExtension.class)
@DisplayName("reading the schema registry again on another connection")
class SchemaRegistryReconnectBrokerTest {

    @TempDir
    Path dir;

    @Test
    void anOwnedConnectionIsMadeAgainAndTheReadGivesEveryVersion(TestVhost vhost) throws Exception {
        try (Connection setup = vhost.connectionFactory().newConnection()) {
            apply(vhost, setup, write(dir, "v1.yaml", V1, "BACKWARD"));
        }
        List<Connection> made = new ArrayList<>();
        SchemaRegistry.Connector connector = previous -> {
            Connection c = vhost.connectionFactory().newConnection();
            made.add(c);
            return c;
        };
        try (SchemaRegistry registry = SchemaRegistry.withConnector(connector)) {
            closedByTheBroker(made.get(0));

            assertEquals(1, registry.read().versions(MERGED).size());
            assertEquals(2, made.size(), "one new connection");
            assertTrue(made.get(1).isOpen());
        }
        assertFalse(made.get(1).isOpen(), "close() closes the connection it made last");
    }

    @Test
    void aNodeWithoutAMemberOfTheStreamIsLeftForAnother(TestVhost vhost) throws Exception {
        try (Connection setup = vhost.connectionFactory().newConnection()) {
            apply(vhost, setup, write(dir, "v1.yaml", V1, "BACKWARD"));
        }
        List<Connection> made = new ArrayList<>();
        List<Connection> previous = new ArrayList<>();
        SchemaRegistry.Connector connector = p -> {
            previous.add(p);
            Connection c = made.isEmpty() ? nodeWithoutAMember() : vhost.connectionFactory().newConnection();
            made.add(c);
            return c;
        };
        try (SchemaRegistry registry = SchemaRegistry.withConnector(connector)) {
            assertEquals(1, registry.read().versions(MERGED).size());
            assertEquals(2, made.size());
            assertEquals(2, previous.size());
            assertTrue(previous.get(0) == null && previous.get(1) == made.get(0), "told which node to try last");
        }
    }

    @Test
    void aBorrowedConnectionIsLeftForOneOfItsOwnAndNeverClosed(TestVhost vhost) throws Exception {
        try (Connection setup = vhost.connectionFactory().newConnection()) {
            apply(vhost, setup, write(dir, "v1.yaml", V1, "BACKWARD"));
        }
        java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
        Connection borrowed = nodeWithoutAMember(closes);
        SchemaRegistry registry = SchemaRegistry.borrowing(borrowed, vhost.amqpUrl());
        assertEquals(1, registry.read().versions(MERGED).size());
        registry.close();
        assertEquals(0, closes.get(), "the caller's connection is the caller's to close");
    }

    private static Connection nodeWithoutAMember() {
        return nodeWithoutAMember(new java.util.concurrent.atomic.AtomicInteger());
    }

    /**
     * A connection to a node that has no running member of the stream: its consumers are refused
     * as RabbitMQ 3.10 refuses them (a 406 on the channel, the connection stays open).
     */
    private static Connection nodeWithoutAMember(java.util.concurrent.atomic.AtomicInteger closes) {
        AMQP.Channel.Close refusal = new AMQP.Channel.Close.Builder().replyCode(406)
                .replyText("PRECONDITION_FAILED - queue 'queue 'bloodbank.schemas.v1' in vhost 'v'' does not have a replica on the local node")
                .build();
        return proxy(Connection.class, (method, args) -> switch (method) {
            case "createChannel" -> proxy(Channel.class, (m, a) -> {
                if (m.equals("basicConsume")) throw new IOException(new ShutdownSignalException(false, true, refusal, null));
                return m.equals("isOpen") ? Boolean.FALSE : null;
            });
            case "isOpen" -> Boolean.TRUE;
            case "getPort" -> 0;
            case "close", "abort" -> {
                closes.incrementAndGet();
                yield null;
            }
            default -> null;
        });
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }

    @Test
    void givesUpAfterThreeConnectionsAndSaysWhy(TestVhost vhost) throws Exception {
        try (Connection setup = vhost.connectionFactory().newConnection()) {
            apply(vhost, setup, write(dir, "v1.yaml", V1, "BACKWARD"));
        }
        int[] made = {0};
        SchemaRegistry.Connector alwaysClosed = previous -> {
            made[0]++;
            try {
                return closedByTheBroker(vhost.connectionFactory().newConnection());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        try (SchemaRegistry registry = SchemaRegistry.withConnector(alwaysClosed)) {
            RegistryException e = assertThrows(RegistryException.class, registry::read);
            assertEquals(SchemaRegistry.READ_ATTEMPTS, made[0]);
            assertTrue(e.getMessage().startsWith("reading the schema registry failed: the broker did not say whether the stream"
                    + " bloodbank.schemas.v1 exists: connection closed: COMMAND_INVALID"), e.getMessage());
        }
    }

    @Test
    void aConnectionTheCallerOwnsIsNeverReplaced(TestVhost vhost) throws Exception {
        try (Connection setup = vhost.connectionFactory().newConnection()) {
            apply(vhost, setup, write(dir, "v1.yaml", V1, "BACKWARD"));
        }
        Connection connection = closedByTheBroker(vhost.connectionFactory().newConnection());
        RegistryException e = assertThrows(RegistryException.class, () -> SchemaRegistry.on(connection).read());
        assertTrue(e.getMessage().contains("connection closed: COMMAND_INVALID"), e.getMessage());
    }

    /** An unknown exchange type is a connection-level error (503): the broker closes the whole connection. */
    private static Connection closedByTheBroker(Connection connection) throws IOException, InterruptedException {
        Channel ch = connection.createChannel();
        assertThrows(IOException.class, () -> ch.exchangeDeclare("bloodbank.test.bad-type", "x-no-such-type"));
        for (int i = 0; i < 100 && connection.isOpen(); i++) Thread.sleep(10);
        assertFalse(connection.isOpen(), "the broker closed the connection");
        return connection;
    }
}
