package dev.bloodbank.bench;

import dev.bloodbank.topology.QueueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of the end-to-end benchmark. Defaults follow the comparison: confirms with a
 * window of 200, prefetch 200, quorum queues (Bloodbank's default), 3 measured rounds of each client.
 */
record E2eOptions(
        int messages, int warmup, int warmupPasses, int rounds, int window, int prefetch, QueueType queueType,
        String amqpUrl, String managementUrl, Path out, Duration timeout, Set<String> clients) {

    /** Every client, in the order of the first round (later rounds rotate it). */
    static final List<String> CLIENTS = List.of("raw", "spring", "bloodbank");

    static final String USAGE = """
            Usage: java -cp benchmarks.jar dev.bloodbank.bench.EndToEnd [options]
              --messages N        messages per measured run (default 50000)
              --warmup N          messages per warm-up pass of each client (default 50000)
              --warmup-passes N   most warm-up passes; passes stop once the JIT compiled for at most 3% of each
                                  client's pass (default 4)
              --rounds N          measured rounds; each runs every client, in an order rotated by one each round (default 3)
              --window N          unconfirmed publishes allowed at once (default 200)
              --prefetch N        consumer prefetch (default 200)
              --queue-type T      quorum (default) or classic
              --amqp-url URL      broker and credentials; its vhost is ignored: the benchmark makes its own
                                  (default $BLOODBANK_AMQP_URL, else amqp://guest:guest@localhost:5672)
              --management-url U  management API (default $BLOODBANK_MANAGEMENT_URL, else http://localhost:15672)
              --out FILE          where the JSON results go (default bench-results/e2e.json; the text report beside it, .txt)
              --timeout SECONDS   longest wait for one run's messages (default 300)
              --clients LIST      some of raw,spring,bloodbank (default all three); ratios need raw (and spring for its own)
            """;

    static E2eOptions parse(String... args) {
        int messages = 50_000, warmup = 50_000, warmupPasses = 4, rounds = 3, window = 200, prefetch = 200;
        QueueType queueType = QueueType.QUORUM;
        String amqp = orDefault(System.getenv("BLOODBANK_AMQP_URL"), "amqp://guest:guest@localhost:5672");
        String mgmt = orDefault(System.getenv("BLOODBANK_MANAGEMENT_URL"), "http://localhost:15672");
        Path out = Path.of("bench-results", "e2e.json");
        Duration timeout = Duration.ofSeconds(300);
        Set<String> clients = Set.copyOf(CLIENTS);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) throw new UsageException(null);
            if (i + 1 >= args.length) throw new UsageException("option " + option + " needs a value");
            String value = args[++i];
            switch (option) {
                case "--messages" -> messages = positive(option, value);
                case "--warmup" -> warmup = nonNegative(option, value);
                case "--warmup-passes" -> warmupPasses = positive(option, value);
                case "--rounds" -> rounds = positive(option, value);
                case "--window" -> window = positive(option, value);
                case "--prefetch" -> prefetch = positive(option, value);
                case "--queue-type" -> queueType = queueType(value);
                case "--amqp-url" -> amqp = value;
                case "--management-url" -> mgmt = value;
                case "--out" -> out = Path.of(value);
                case "--timeout" -> timeout = Duration.ofSeconds(positive(option, value));
                case "--clients" -> clients = clients(value);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        return new E2eOptions(messages, warmup, warmupPasses, rounds, window, prefetch, queueType, amqp, mgmt, out, timeout, clients);
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) throw new UsageException(option + " must be at least 1, was 0");
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n < 0) throw new UsageException(option + " must not be negative, was " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, was '" + value + "'");
        }
    }

    private static QueueType queueType(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "quorum" -> QueueType.QUORUM;
            case "classic" -> QueueType.CLASSIC;
            default -> throw new UsageException("--queue-type is quorum or classic, was '" + value + "'");
        };
    }

    private static Set<String> clients(String value) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String client : value.split(",")) {
            String name = client.trim().toLowerCase(Locale.ROOT);
            if (!CLIENTS.contains(name)) throw new UsageException("--clients takes raw, spring and bloodbank, comma-separated, was '" + value + "'");
            chosen.add(name);
        }
        return Set.copyOf(chosen);
    }

    boolean runs(String client) {
        return clients.contains(client);
    }

    /** The chosen clients in the order of round {@code round} (1-based): rotated by one each round. */
    List<String> order(int round) {
        List<String> chosen = CLIENTS.stream().filter(clients::contains).toList();
        if (chosen.isEmpty()) return chosen;
        int shift = (round - 1) % chosen.size();
        List<String> rotated = new java.util.ArrayList<>(chosen.subList(shift, chosen.size()));
        rotated.addAll(chosen.subList(0, shift));
        return rotated;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A bad command line; a null message asks for the usage alone. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
