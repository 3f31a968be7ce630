package dev.bloodbank.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/** The consume-side meters of one (service, key) pair, registered once and held. */
final class ConsumeMeters {

    final Counter handledCount;
    final Counter retried;
    final Counter deadLettered;
    final Counter duplicate;
    final Counter invalid;
    final Timer handler;
    final Timer latency;

    ConsumeMeters(MeterRegistry registry, TimerShape shape, String service, String key, String kind) {
        Tags tags = Tags.of(MeterNames.TAG_KEY, key, MeterNames.TAG_KIND, kind, MeterNames.TAG_SERVICE, service);
        handledCount = counter(registry, tags, "handled");
        retried = counter(registry, tags, "retried");
        deadLettered = counter(registry, tags, "dead_lettered");
        duplicate = counter(registry, tags, "duplicate");
        invalid = counter(registry, tags, "invalid");
        handler = shape.register(registry, MeterNames.HANDLER, "Time a handler took to process a message successfully", tags);
        latency = shape.register(registry, MeterNames.LATENCY, "Time from the envelope's timestamp to its delivery to the consumer", tags);
    }

    List<Meter> meters() {
        return List.of(handledCount, retried, deadLettered, duplicate, invalid, handler, latency);
    }

    private static Counter counter(MeterRegistry registry, Tags tags, String outcome) {
        return Counter.builder(MeterNames.CONSUMED)
                .description("Messages delivered to a consumer, by outcome (handled, retried, dead_lettered, duplicate, invalid)")
                .baseUnit("messages")
                .tags(tags)
                .tag(MeterNames.TAG_OUTCOME, outcome)
                .register(registry);
    }
}
