package dev.bloodbank.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/** The publish-side meters of one event or command key, registered once and held. */
final class PublishMeters {

    final Counter sent;
    final Counter confirmed;
    final Counter nacked;
    final Counter returned;
    final Timer confirm;

    PublishMeters(MeterRegistry registry, String service, String key) {
        sent = counter(registry, service, key, "sent");
        confirmed = counter(registry, service, key, "confirmed");
        nacked = counter(registry, service, key, "nacked");
        returned = counter(registry, service, key, "returned");
        confirm = Timer.builder(MeterNames.CONFIRM)
                .description("Time from publishing a message to the broker's confirm")
                .tags(MeterNames.TAG_KEY, key, MeterNames.TAG_SERVICE, service)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    List<Meter> meters() {
        return List.of(sent, confirmed, nacked, returned, confirm);
    }

    private static Counter counter(MeterRegistry registry, String service, String key, String outcome) {
        return Counter.builder(MeterNames.PUBLISHED)
                .description("Messages published, by outcome (sent, confirmed, nacked, returned)")
                .baseUnit("messages")
                .tags(MeterNames.TAG_KEY, key, MeterNames.TAG_SERVICE, service, MeterNames.TAG_OUTCOME, outcome)
                .register(registry);
    }
}
