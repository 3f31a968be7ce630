package dev.bloodbank.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: what a careful hand-written amqp-client program does, as RabbitMQ's PerfTest
 * would: one publisher with confirms and a bounded window of unconfirmed messages, one consumer
 * with a prefetch and a manual ack per message, persistent JSON messages, a connection each.
 * It publishes to the same exchange and consumes from the same queue as the Bloodbank run.
 */
final class RawRun {

    private static final AMQP.BasicProperties PERSISTENT_JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .build();

    private RawRun() {}

    static RunResult run(BenchVhost vhost, String exchange, String routingKey, String queue, int messages, int window,
                         int prefetch, Duration timeout) throws Exception {
        RawBody body = RawBody.standard();
        LatencyRecorder recorder = new LatencyRecorder(messages);
        var factory = vhost.connectionFactory();
        try (Connection consuming = factory.newConnection("raw consumer");
                Connection publishing = factory.newConnection("raw publisher")) {
            Channel consumer = consuming.createChannel();
            consumer.basicQos(prefetch);
            String tag = consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] delivered) throws IOException {
                    recorder.record(BenchClock.now() - RawBody.sentNanos(delivered));
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });

            Channel channel = publishing.createChannel();
            channel.confirmSelect();
            Semaphore room = new Semaphore(window);
            ConcurrentNavigableMap<Long, Boolean> unconfirmed = new ConcurrentSkipListMap<>();
            AtomicInteger nacked = new AtomicInteger();
            channel.addConfirmListener(
                    (seq, multiple) -> room.release(settle(unconfirmed, seq, multiple)),
                    (seq, multiple) -> {
                        int n = settle(unconfirmed, seq, multiple);
                        nacked.addAndGet(n);
                        room.release(n);
                    });

            long start = System.nanoTime();
            ProcessCpu.Reading cpu = ProcessCpu.read();
            for (int i = 0; i < messages; i++) {
                room.acquire();
                unconfirmed.put(channel.getNextPublishSeqNo(), Boolean.TRUE);
                channel.basicPublish(exchange, routingKey, false, PERSISTENT_JSON, body.stamp(BenchClock.now()));
            }
            boolean complete = recorder.await(timeout);
            long elapsed = System.nanoTime() - start;
            cpu = cpu.spentSince();
            consumer.basicCancel(tag);
            if (!complete)
                throw new IllegalStateException("raw run: only " + recorder.count() + " of " + messages
                        + " messages arrived within " + timeout);
            if (nacked.get() > 0) throw new IllegalStateException("raw run: the broker nacked " + nacked.get() + " publishes");
            return new RunResult("raw", 0, messages, elapsed, cpu, recorder.latency());
        }
    }

    private static int settle(ConcurrentNavigableMap<Long, Boolean> unconfirmed, long seq, boolean multiple) {
        if (!multiple) return unconfirmed.remove(seq) != null ? 1 : 0;
        ConcurrentNavigableMap<Long, Boolean> done = unconfirmed.headMap(seq, true);
        int n = done.size();
        done.clear();
        return n;
    }
}
