package dev.bloodbank.broker.history;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.bloodbank.engine.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the selected part of the archive to one queue, through the default exchange (so no other
 * queue sees it), in archive order, in batches: publish a batch, wait for the broker's confirms,
 * record the progress, tell the listener. Nothing counts as sent before it was confirmed.
 */
final class Replayer {

    private static final int MAX_BATCH = 500;

    private final ArchiveReader reader;

    Replayer(ArchiveReader reader) {
        this.reader = reader;
    }

    ReplayResult run(ReplayProgress.State start, ReplayProgress progress, Channel channel, double rate, long total,
            ReplayListener listener) throws IOException, InterruptedException, TimeoutException {
        long begun = System.nanoTime();
        AtomicReference<String> returned = new AtomicReference<>();
        channel.addReturnListener(r -> returned.compareAndSet(null, r.getReplyText() + " for queue " + r.getRoutingKey()));
        Set<String> keys = new HashSet<>(start.keys());
        int batchSize = rate > 0 ? (int) Math.max(1, Math.min(MAX_BATCH, rate / 4)) : MAX_BATCH;
        List<ArchivedMessage> batch = new ArrayList<>(batchSize);
        long[] lastVisited = {start.lastOffset()};
        ReplayProgress.State[] state = {start};
        long[] sentNow = {0};

        StreamStart from = start.lastOffset() >= 0 ? new StreamStart.Offset(start.lastOffset() + 1)
                : new StreamStart.Timestamp(start.window().since().minus(History.START_SLACK));
        reader.read(from, start.endOffset(), false, Long.MAX_VALUE, message -> {
            lastVisited[0] = message.offset();
            if (message.envelope().isPresent() && keys.contains(message.routingKey())
                    && start.window().includes(message.envelope().get().timestamp())) {
                if (rate > 0) pace(begun, sentNow[0] + batch.size(), rate);
                batch.add(message);
                if (batch.size() >= batchSize) {
                    state[0] = flush(channel, progress, state[0], batch, lastVisited[0], returned);
                    sentNow[0] += batch.size();
                    batch.clear();
                    listener.confirmed(state[0].sent(), total);
                }
            }
            return true;
        });
        state[0] = flush(channel, progress, state[0], batch, lastVisited[0], returned);
        sentNow[0] += batch.size();
        state[0] = state[0].finished();
        progress.save(state[0]);
        listener.confirmed(state[0].sent(), total);
        return new ReplayResult(start.name(), start.replayId(), start.queue(), state[0].sent(), sentNow[0],
                Duration.ofNanos(System.nanoTime() - begun));
    }

    private ReplayProgress.State flush(Channel channel, ReplayProgress progress, ReplayProgress.State state,
            List<ArchivedMessage> batch, long lastVisited, AtomicReference<String> returned)
            throws IOException, InterruptedException, TimeoutException {
        for (ArchivedMessage m : batch) {
            channel.basicPublish("", state.queue(), true, replayed(m, state), m.body());
        }
        channel.waitForConfirmsOrDie(30_000);
        if (returned.get() != null)
            throw new HistoryException("the broker returned a replayed message (" + returned.get() + "): does the queue still exist?");
        ReplayProgress.State next = state.advanced(lastVisited, batch.size());
        progress.save(next);
        return next;
    }

    /** The archived properties, unchanged but for the replay's headers (and without the stream's offset header). */
    private static AMQP.BasicProperties replayed(ArchivedMessage m, ReplayProgress.State state) {
        Map<String, Object> headers = new HashMap<>();
        if (m.properties().getHeaders() != null) headers.putAll(m.properties().getHeaders());
        headers.remove("x-stream-offset");
        headers.put(Headers.REPLAY_NAME, state.name());
        headers.put(Headers.REPLAY_ID, state.replayId().toString());
        headers.put(Headers.REPLAY_OFFSET, m.offset());
        return m.properties().builder().headers(headers).deliveryMode(2).build();
    }

    /** Waits until sending message number {@code n} (from 0) keeps this run at {@code rate} per second. */
    private static void pace(long begun, long n, double rate) throws InterruptedException {
        long due = begun + (long) (n / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}
