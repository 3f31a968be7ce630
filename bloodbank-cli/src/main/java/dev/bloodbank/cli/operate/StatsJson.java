package dev.bloodbank.cli.operate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.management.QueueStats;
import dev.bloodbank.broker.stats.ConsumerQueues;
import dev.bloodbank.broker.stats.FlowSnapshot;
import dev.bloodbank.broker.stats.QueueReading;
import dev.bloodbank.cli.text.JsonOutput;

/**
 * A flow snapshot as JSON for scripts and dashboards: every queue listed, retry queues one by one.
 * A missing queue is {@code "exists": false} with no counts; a count the broker has not reported
 * yet is null.
 */
final class StatsJson {

    private StatsJson() {}

    static ObjectNode of(FlowSnapshot snapshot) {
        ObjectNode root = JsonOutput.object();
        root.put("vhost", snapshot.vhost());
        root.put("readAt", snapshot.readAt().toString());
        ArrayNode consumers = root.putArray("consumers");
        for (ConsumerQueues consumer : snapshot.consumers()) {
            ObjectNode c = consumers.addObject();
            c.put("role", consumer.role().label());
            c.put("owner", consumer.owner());
            c.set("queue", queue(consumer.work()));
            c.put("retrying", consumer.retrying());
            ArrayNode retries = c.putArray("retryQueues");
            for (QueueReading retry : consumer.retries()) retries.add(queue(retry));
            c.set("deadLetterQueue", queue(consumer.deadLetter()));
        }
        root.set("unrouted", queue(snapshot.unrouted()));
        ArrayNode missing = root.putArray("missing");
        snapshot.missing().forEach(missing::add);
        return root;
    }

    private static ObjectNode queue(QueueReading reading) {
        ObjectNode q = JsonOutput.plainObject();
        q.put("name", reading.queue());
        q.put("exists", reading.exists());
        if (!reading.exists()) return q;
        QueueStats s = reading.stats();
        q.put("ready", s.ready());
        q.put("unacked", s.unacked());
        q.put("consumers", s.consumers());
        q.put("publishRate", s.publishRate());
        q.put("deliverRate", s.deliverRate());
        return q;
    }
}
