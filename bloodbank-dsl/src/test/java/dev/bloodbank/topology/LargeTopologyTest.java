package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a large topology loads quickly")
public class LargeTopologyTest {

    private static final String[] DOMAINS = {"fireflies", "llm", "agent", "artifact", "github", "meeting"};
    private static final String[] VERBS = {"created", "updated", "deleted", "completed", "failed"};

    @TempDir
    Path dir;

    /**
     * 600 events and 120 commands, each with its own schema of a dozen fields (no two alike, so
     * that each is compiled) and an example, and 120 subscriptions.
     */
    public static String generate() {
        StringBuilder yaml = new StringBuilder("apiVersion: bloodbank/v1\ndefaults: {prefetch: 25}\nevents:\n");
        for (int i = 0; i < 600; i++) {
            String key = DOMAINS[i % DOMAINS.length] + ".entity-" + (i / VERBS.length) + "." + VERBS[i % VERBS.length];
            message(yaml, key, "Entity " + i + " changed.", i);
        }
        yaml.append("commands:\n");
        for (int i = 0; i < 120; i++) {
            message(yaml, DOMAINS[i % DOMAINS.length] + ".job-" + i + ".start", "Start job " + i + ".", 600 + i);
            yaml.append("    worker: {prefetch: 5, retry: {attempts: 3}}\n");
        }
        yaml.append("subscriptions:\n");
        for (int i = 0; i < 120; i++) {
            yaml.append("  service-").append(i).append(":\n    events: [\"")
                    .append(DOMAINS[i % DOMAINS.length]).append(".entity-").append(i).append(".*\", \"")
                    .append(DOMAINS[(i + 1) % DOMAINS.length]).append(".#\"]\n");
        }
        return yaml.toString();
    }

    private static void message(StringBuilder yaml, String key, String description, int unique) {
        yaml.append("  ").append(key).append(":\n    description: ").append(description).append("\n    schema:\n")
                .append("      type: object\n      required: [id, name, count]\n      additionalProperties: false\n")
                .append("      properties:\n");
        for (String field : new String[] {"id", "name", "owner", "source", "region", "kind", "status", "note"})
            yaml.append("        ").append(field).append(": {type: string, maxLength: ").append(200 + unique).append("}\n");
        yaml.append("        count: {type: integer, minimum: 0}\n        ratio: {type: number}\n")
                .append("        tags: {type: array, items: {type: string}}\n        done: {type: boolean}\n")
                .append("    examples:\n      - {id: \"1\", name: first, count: 3, tags: [a, b], done: true}\n");
    }

    @Test
    void loadsSixHundredEvents() {
        Path file = TopologyFiles.write(dir, "topology.yaml", generate());

        long coldStart = System.nanoTime();
        Topology topology = Topology.load(file);
        long coldMillis = (System.nanoTime() - coldStart) / 1_000_000;
        long warmMillis = Long.MAX_VALUE;
        long warmCpuMillis = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            Topology.load(file);
            warmMillis = Math.min(warmMillis, (System.nanoTime() - start) / 1_000_000);
            warmCpuMillis = Math.min(warmCpuMillis, (processCpuNanos() - cpu) / 1_000_000);
        }
        System.out.printf("large topology (%d KiB): first load %d ms, warm load %d ms (%d ms of CPU)%n",
                file.toFile().length() / 1024, coldMillis, warmMillis, warmCpuMillis);

        assertEquals(600, topology.events().size());
        assertEquals(120, topology.commands().size());
        assertEquals(120, topology.subscriptions().size());
        // The figures are printed, not asserted: a timing bound in a unit test fails on a busy
        // machine and proves little on a quiet one. A warm load took about 0.4 s (0.7 s of CPU) here.
    }

    /** CPU time of this process, all threads: loading compiles schemas on every core. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
