package dev.bloodbank.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.cli.Cli;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("bloodbank dashboard: options")
class DashboardCommandTest {

    @Test
    void aPortOutOfRangeIsOneLine() {
        Cli.Result r = Cli.run("dashboard", "--port", "70000");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("bloodbank: --port must be from 0 to 65535, was 70000", r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aPortAlreadyTakenSaysSoWithAHint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.run("dashboard", "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(1, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("bloodbank: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "), r::toString);
            assertTrue(r.err().contains("choose another --port"), r::toString);
        }
    }

    @Test
    void anAddressOfAnotherMachineCannotBeBound() {
        // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
        Cli.Result r = Cli.run("dashboard", "--bind", "192.0.2.7", "--port", "0");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("bloodbank: cannot listen on 192.0.2.7:0: "), r::toString);
    }

    @Test
    void aNonNumericPortIsAUsageError() {
        Cli.Result r = Cli.run("dashboard", "--port", "http");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--port"), r::toString);
    }
}
