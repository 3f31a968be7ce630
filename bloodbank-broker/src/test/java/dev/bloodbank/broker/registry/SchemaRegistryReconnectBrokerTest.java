package dev.bloodbank.broker.registry;

import static dev.bloodbank.broker.registry.RegistryTopologies.MERGED;
import static dev.bloodbank.broker.registry.RegistryTopologies.V1;
import static dev.bloodbank.broker.registry.RegistryTopologies.apply;
import static dev.bloodbank.broker.registry.RegistryTopologies.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry read whose connection the broker closed. In a cluster that moves a stream's members,
 * RabbitMQ closes a whole connection when a channel consuming the stream crashes; here the broker
 * is made to close it the same way, with a connection-level error of its own.
 */
@ExtendWith(BrokerExtension.class)
@DisplayName("reading the schema registry after the broker closed the connection")
class SchemaRegistryReconnectBrokerTest {

    @TempDir
    Path dir;

    @Test
    void anOwnedConnectionIsMadeAgainAndTheReadGivesEveryVersion(TestVhost vhost) throws Exception {
        try (Connection setup = vhost.connectionFactory().newConnection()) {
            apply(vhost, setup, write(dir, "v1.yaml", V1, "BACKWARD"));
        }
        List<Connection> made = new ArrayList<>();
        SchemaRegistry.Connector connector = () -> {
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
    void givesUpAfterThreeConnectionsAndSaysWhy(TestVhost vhost) throws Exception {
        try (Connection setup = vhost.connectionFactory().newConnection()) {
            apply(vhost, setup, write(dir, "v1.yaml", V1, "BACKWARD"));
        }
        int[] made = {0};
        SchemaRegistry.Connector alwaysClosed = () -> {
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
