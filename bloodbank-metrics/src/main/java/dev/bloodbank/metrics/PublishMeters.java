package dev.bloodbank.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/** The publish-side meters of one event or command key, registered once and held. */
final class PublishMeters {

    final Counter sent;
    final Counter confirmed;
    final Counter nacked;
    final Counter returned;
    final Timer confirm;

    PublishMeters(MeterRegistry registry, TimerShape shape, String service, String key, String kind) {
        Tags tags = Tags.of(MeterNames.TAG_KEY, key, MeterNames.TAG_KIND, kind, MeterNames.TAG_SERVICE, service);
        sent = counter(registry, tags, "sent");
        confirmed = counter(registry, tags, "confirmed");
        nacked = counter(registry, tags, "nacked");
        returned = counter(registry, tags, "returned");
        confirm = shape.register(registry, MeterNames.CONFIRM, "Time from publishing a message to the broker's confirm", tags);
    }

    List<Meter> meters() {
        return List.of(sent, confirmed, nacked, returned, confirm);
    }

    private static Counter counter(MeterRegistry registry, Tags tags, String outcome) {
        return Counter.builder(MeterNames.PUBLISHED)
                .description("Messages published, by outcome (sent, confirmed, nacked, returned)")
                .baseUnit("messages")
                .tags(tags)
                .tag(MeterNames.TAG_OUTCOME, outcome)
                .register(registry);
    }
}
