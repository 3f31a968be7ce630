package dev.bloodbank.broker.reconcile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a topology.yaml the size of a grown ecosystem: 30 domains of 20 events each (600), 120
 * commands, 120 subscriptions with two patterns each. Half the commands and subscriptions use
 * classic queues, and the retry policies vary, so the derived objects look like real ones:
 * about 1,400 queues and 600 bindings.
 */
final class LargeTopology {

    static final int DOMAINS = 30;
    static final String[] ENTITIES = {"order", "invoice", "user", "session", "file"};
    static final String[] PAST = {"created", "updated", "deleted", "archived"};
    static final String[] IMPERATIVE = {"create", "update", "archive", "sync"};

    private LargeTopology() {}

    static Path write(Path file) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: bloodbank/v1\n");
        y.append("defaults:\n  queueType: quorum\n  retry: { attempts: 5, initialDelay: 1s, multiplier: 2.0, maxDelay: 60s }\n");
        y.append("events:\n");
        for (int d = 0; d < DOMAINS; d++) {
            for (String entity : ENTITIES) {
                for (String past : PAST) {
                    y.append("  ").append(domain(d)).append('.').append(entity).append('.').append(past).append(":\n");
                    y.append("    description: A ").append(entity).append(" was ").append(past).append(".\n");
                    y.append("    schema: { type: object }\n    examples: [ {} ]\n");
                }
            }
        }
        y.append("commands:\n");
        for (int d = 0; d < DOMAINS; d++) {
            for (int c = 0; c < 4; c++) {
                int n = d * 4 + c;
                y.append("  ").append(domain(d)).append('.').append(ENTITIES[c]).append('.').append(IMPERATIVE[c]).append(":\n");
                y.append("    description: Command ").append(n).append(".\n");
                y.append("    schema: { type: object }\n    examples: [ {} ]\n");
                y.append("    worker: { prefetch: 10");
                if (n % 2 == 1) y.append(", queueType: classic");
                if (n % 3 == 0) y.append(", retry: { attempts: 3, initialDelay: 5s }");
                y.append(" }\n");
            }
        }
        y.append("subscriptions:\n");
        for (int d = 0; d < DOMAINS; d++) {
            for (int s = 0; s < 4; s++) {
                int n = d * 4 + s;
                y.append("  service-").append(n).append(":\n");
                y.append("    events: [ \"").append(domain(d)).append('.').append(ENTITIES[s]).append(".*\", \"")
                        .append(domain((d + 1) % DOMAINS)).append(".*.").append(PAST[s]).append("\" ]\n");
                if (n % 2 == 1) y.append("    queueType: classic\n");
            }
        }
        Files.createDirectories(file.getParent());
        return Files.writeString(file, y.toString());
    }

    private static String domain(int d) {
        return "domain-" + (char) ('a' + d / 26) + (char) ('a' + d % 26);
    }
}
