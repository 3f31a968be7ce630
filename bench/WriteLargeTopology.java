import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the 600-event topology of the loader's scale test (600 events and 120 commands, each with
 * a schema of its own and an example, 120 subscriptions) to the path given, for bench/run-startup.sh.
 */
public class WriteLargeTopology {
    public static void main(String... args) throws Exception {
        Class<?> test = Class.forName("dev.bloodbank.topology.LargeTopologyTest");
        Files.writeString(Path.of(args[0]), (String) test.getMethod("generate").invoke(null));
    }
}
