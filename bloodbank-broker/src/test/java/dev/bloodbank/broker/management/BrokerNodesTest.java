package dev.bloodbank.broker.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bloodbank.broker.management.BrokerNodes.HostPort;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("a cluster's nodes in one connection option")
class BrokerNodesTest {

    @Test
    void theFirstUrlNamesCredentialsAndVhostTheOthersAreUrlsOrHostPorts() {
        BrokerNodes nodes = BrokerNodes.amqp("amqp://ops:secret@rabbit-1:5681/orders, rabbit-2:5682,rabbit-3,amqp://rabbit-4:5684/orders");
        assertEquals("amqp://ops:secret@rabbit-1:5681/orders", nodes.url());
        assertEquals(List.of(new HostPort("rabbit-1", 5681), new HostPort("rabbit-2", 5682), new HostPort("rabbit-3", 5672),
                new HostPort("rabbit-4", 5684)), nodes.nodes());
        assertEquals(new HashSet<>(nodes.nodes()), new HashSet<>(nodes.shuffled()));
    }

    @Test
    void aBrokerAddressKeepsEveryManagementUrlAndTheFirstAmqpNodesVhost() {
        BrokerAddress a = BrokerAddress.of("amqp://ops:secret@rabbit-1:5681/orders,rabbit-2:5682",
                "http://rabbit-1:15681,http://rabbit-2:15682");
        assertEquals("orders", a.vhost());
        assertEquals("ops", a.username());
        assertEquals(List.of(URI.create("http://rabbit-1:15681/"), URI.create("http://rabbit-2:15682/")), a.managementBases());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "amqp://rabbit-1,,rabbit-2|the AMQP URL list amqp://rabbit-1,,rabbit-2 has an empty entry (number 2); separate nodes with single commas",
        "amqp://rabbit-1,rabbit-2:56x2|the AMQP node 'rabbit-2:56x2' has a bad port '56x2'; a port is a number from 1 to 65535",
        "amqp://rabbit-1/a,amqp://rabbit-2/b|the AMQP URL amqp://rabbit-2/b names another vhost than the first node's; every node of a list serves the same vhost",
        "rabbit-1:5672,rabbit-2|the AMQP URL rabbit-1:5672 must start with amqp:// or amqps://, e.g. amqp://user:pass@localhost:5672/%2F",
        "amqp://u:p@rabbit-1,u:p@rabbit-2|the AMQP node '***@rabbit-2' is neither a URL nor host:port, e.g. rabbit-2:5672",
    })
    void aMalformedListIsRefusedInOneLineNamingTheEntry(String list, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrokerNodes.amqp(list));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aTaskDoneAgainTriesTheNodeThatFailedItLast() throws Exception {
        List<HostPort> order = List.of(new HostPort("127.0.0.1", 5682), new HostPort("127.0.0.1", 5681), new HostPort("rabbit-3", 5683));
        java.net.InetAddress local = java.net.InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        assertEquals(List.of(order.get(1), order.get(2), order.get(0)), BrokerNodes.withNodeLast(order, local, 5682));
        java.net.InetAddress named = java.net.InetAddress.getByAddress("rabbit-3", new byte[] {10, 0, 0, 3});
        assertEquals(List.of(order.get(0), order.get(1), order.get(2)), BrokerNodes.withNodeLast(order, named, 5683),
                "matched by the name it was reached by");
        assertEquals(order, BrokerNodes.withNodeLast(order, local, 5999), "a node not in the list changes nothing");
    }
}
