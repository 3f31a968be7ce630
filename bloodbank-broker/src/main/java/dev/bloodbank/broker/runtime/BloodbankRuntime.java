package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.registry.RuntimeSchemas;
import dev.bloodbank.engine.ConsumerSpec;
import dev.bloodbank.engine.ProcessingOptions;
import dev.bloodbank.engine.QueueProcessor;
import dev.bloodbank.schema.SchemaVersions;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs consumers on RabbitMQ. Two connections: one consumes, one publishes (handler outputs,
 * retries, dead letters), so that flow control on publishing never stalls acknowledgements.
 * Each consumer gets {@code concurrency} channels, each with the queue's prefetch and its own
 * handler thread; acknowledgements are manual and come after the outcome is carried out.
 *
 * <pre>{@code
 * try (BloodbankRuntime.Running app = BloodbankRuntime.start(topology, specs, RuntimeSettings.of(url, "transcriber"))) {
 *     app.publisher().publish("fireflies.transcript.uploaded", new Uploaded("s3://…"));
 *     …
 * }
 * }</pre>
 *
 * The queues are expected to exist (see the reconciler, {@code bloodbank apply}); consuming from a
 * missing queue fails the start with the broker's reason.
 */
public final class BloodbankRuntime {

    /** The longest a handled message waits for its acknowledgement when its batch does not fill. */
    static final long ACK_FLUSH_MILLIS = 10;

    private BloodbankRuntime() {}

    /** Connects, starts every consumer, and returns the running application. */
    public static Running start(Topology topology, List<ConsumerSpec> consumers, RuntimeSettings settings) {
        int slots = Math.max(1, consumers.size() * settings.concurrency());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService handlerThreads = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "bloodbank-handler-" + threads.incrementAndGet());
            t.setDaemon(false);
            return t;
        });
        ConnectionSocket publishingSocket = new ConnectionSocket();
        Connection publishing = Connections.open(settings, "runtime-publisher", null, publishingSocket);
        Connection consuming;
        try {
            consuming = Connections.open(settings, "runtime-consumer", handlerThreads);
        } catch (RuntimeException e) {
            Publisher.closeQuietly(publishing);
            handlerThreads.shutdownNow();
            throw e;
        }
        SchemaVersions versions;
        String retryExchange;
        try {
            // compiled once here: the per-message path only looks versions up
            versions = RuntimeSchemas.read(publishing, settings.amqpUrl(), topology);
            retryExchange = RetryExchange.choose(publishing, topology);
        } catch (IOException e) {
            Publisher.closeQuietly(consuming);
            Publisher.closeQuietly(publishing);
            handlerThreads.shutdownNow();
            throw new BrokerUnavailableException("cannot check the retry exchange: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            Publisher.closeQuietly(consuming);
            Publisher.closeQuietly(publishing);
            handlerThreads.shutdownNow();
            throw e;
        }
        Publisher publisher = Publisher.on(publishing, publishingSocket, topology, settings, versions);
        ProcessingOptions options = new ProcessingOptions(settings.dedupStore(), settings.listener(), settings.sourceHost(),
                Clock.systemUTC(), versions);
        InFlight inFlight = new InFlight();
        List<QueueWorker> workers = new ArrayList<>();
        Running running = new Running(settings, publishing, consuming, publisher, handlerThreads, workers, inFlight);
        try {
            for (ConsumerSpec spec : consumers) {
                QueueProcessor processor = new QueueProcessor(topology, spec, options);
                for (int slot = 0; slot < settings.concurrency(); slot++) {
                    Channel channel = consuming.createChannel();
                    channel.basicQos(spec.queue().prefetch());
                    QueueWorker worker = new QueueWorker(channel, processor, publisher, retryExchange, settings, inFlight);
                    workers.add(worker);
                    worker.start();
                }
            }
        } catch (IOException | RuntimeException e) {
            running.close();
            throw new BrokerUnavailableException("cannot start consuming: " + rootMessage(e)
                    + " (does the queue exist? run `bloodbank apply` first)", e);
        }
        running.flushAcksEvery(ACK_FLUSH_MILLIS);
        return running;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** A running application; closing it shuts down gracefully. */
    public static final class Running implements AutoCloseable {

        private final RuntimeSettings settings;
        private final Connection publishing;
        private final Connection consuming;
        private final Publisher publisher;
        private final ExecutorService handlerThreads;
        private final List<QueueWorker> workers;
        private final InFlight inFlight;
        private final ScheduledExecutorService ackFlusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bloodbank-ack-flush");
            t.setDaemon(true);
            return t;
        });
        private boolean closed;

        Running(RuntimeSettings settings, Connection publishing, Connection consuming, Publisher publisher,
                ExecutorService handlerThreads, List<QueueWorker> workers, InFlight inFlight) {
            this.settings = settings;
            this.publishing = publishing;
            this.consuming = consuming;
            this.publisher = publisher;
            this.handlerThreads = handlerThreads;
            this.workers = workers;
            this.inFlight = inFlight;
        }

        /** Sends the acknowledgements that wait in every worker's batch, every {@code millis}. */
        private void flushAcksEvery(long millis) {
            List<QueueWorker> all = List.copyOf(workers);
            ackFlusher.scheduleWithFixedDelay(() -> all.forEach(QueueWorker::flushAcks), millis, millis, TimeUnit.MILLISECONDS);
        }

        /** The application's publisher, sharing the runtime's publishing connection. */
        public Publisher publisher() {
            return publisher;
        }

        /** Handlers running right now. */
        public int inFlight() {
            return inFlight.running();
        }

        /**
         * Stops consuming, waits up to {@code timeout} for running handlers to finish and their
         * messages to be acknowledged, then closes both connections. Messages prefetched but not
         * started go back to their queues. Returns false when handlers were still running at the
         * timeout: their messages are not acknowledged and will be redelivered.
         */
        public synchronized boolean stop(Duration timeout) {
            if (closed) return true;
            closed = true;
            for (QueueWorker worker : workers) worker.stop();
            boolean idle;
            try {
                idle = inFlight.awaitIdle(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                idle = false;
            }
            ackFlusher.shutdownNow();
            for (QueueWorker worker : workers) worker.flushAcks();
            Publisher.closeQuietly(consuming);
            publisher.close();
            Publisher.closeQuietly(publishing);
            handlerThreads.shutdown();
            try {
                handlerThreads.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return idle;
        }

        /** {@link #stop(Duration)} with the settings' shutdown timeout. */
        @Override
        public void close() {
            stop(settings.shutdownTimeout());
        }
    }
}
