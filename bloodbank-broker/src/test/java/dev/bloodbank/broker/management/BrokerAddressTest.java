package dev.bloodbank.broker.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Broker addresses from AMQP and management URLs")
class BrokerAddressTest {

    @ParameterizedTest(name = "{0} -> vhost {1}")
    @CsvSource(delimiter = '|', textBlock = """
            amqp://guest:guest@localhost:5672/%2F     | /
            amqp://guest:guest@localhost:5672/        | /
            amqp://guest:guest@localhost:5672         | /
            amqp://guest:guest@localhost:5672/events  | events
            amqp://guest:guest@localhost/team%2Fa     | team/a
            """)
    void takesTheVhostFromThePath(String url, String vhost) {
        assertEquals(vhost, BrokerAddress.of(url, "http://localhost:15672").vhost());
    }

    @Test
    void takesCredentialsFromTheManagementUrlFirstThenTheAmqpUrl() {
        BrokerAddress fromAmqp = BrokerAddress.of("amqp://ops:p%40ss@rabbit:5673/v", "http://rabbit:15672");
        assertEquals("ops", fromAmqp.username());
        assertEquals("p@ss", fromAmqp.password());
        assertEquals(5673, fromAmqp.amqpPort());
        assertEquals(URI.create("http://rabbit:15672/"), fromAmqp.managementBase());

        BrokerAddress fromMgmt = BrokerAddress.of("amqp://ops:one@rabbit/v", "https://admin:two@rabbit/prefix");
        assertEquals("admin", fromMgmt.username());
        assertEquals("two", fromMgmt.password());
        assertEquals(URI.create("https://rabbit:443/prefix/"), fromMgmt.managementBase());
        assertEquals("guest", BrokerAddress.of("amqp://rabbit/v", "http://rabbit:15672").password());
    }

    @Test
    void neverShowsThePassword() {
        BrokerAddress a = BrokerAddress.of("amqp://ops:hunter2@rabbit:5672/v", "http://ops:hunter2@rabbit:15672");
        assertFalse(a.toString().contains("hunter2"), a.toString());
        assertEquals("amqp://***@rabbit:5672/v", BrokerAddress.redacted("amqp://ops:hunter2@rabbit:5672/v"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://ops:hunter2@rabbit:5672/v | must start with amqp:// or amqps://
            amqp://ops:hunter2@/v            | names no host
            'amqp://ops:hunter2@rabbit/ v'   | is not a valid URL
            """)
    void explainsABadAmqpUrlWithoutItsPassword(String url, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerAddress.of(url, "http://localhost:15672"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void explainsABadManagementUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerAddress.of("amqp://localhost", "localhost:15672"));
        assertTrue(e.getMessage().contains("must start with http:// or https://"), e.getMessage());
    }
}
