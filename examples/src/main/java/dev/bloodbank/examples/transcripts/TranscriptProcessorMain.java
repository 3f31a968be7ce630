package dev.bloodbank.examples.transcripts;

import dev.bloodbank.broker.runtime.Bloodbank;
import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the transcript processor on RabbitMQ until interrupted:
 *
 * <pre>
 * bloodbank apply                                   # the queues must exist
 * java -cp … dev.bloodbank.examples.transcripts.TranscriptProcessorMain [topology.yaml]
 * </pre>
 *
 * The broker is {@code BLOODBANK_AMQP_URL} (default {@code amqp://guest:guest@localhost:5672/%2F});
 * the application is {@link TranscriptProcessorApplication}, configured from the environment as it says.
 */
public final class TranscriptProcessorMain {

    private TranscriptProcessorMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path topologyFile = Path.of(args.length > 0 ? args[0] : "topology.yaml");
        String amqpUrl = env("BLOODBANK_AMQP_URL", "amqp://guest:guest@localhost:5672/%2F");

        Topology topology = Topology.load(topologyFile);
        BloodbankApp app = new TranscriptProcessorApplication().build(topology);
        System.out.print(app.describe());

        CountDownLatch stopped = new CountDownLatch(1);
        BloodbankRuntime.Running running = Bloodbank.run(app, RuntimeSettings.of(amqpUrl, app.service()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "transcript-processor-shutdown"));
        System.out.println(app.service() + " is running; Ctrl-C stops it after in-flight messages are handled");
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
