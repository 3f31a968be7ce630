package dev.bloodbank.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
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

    ConsumeMeters(MeterRegistry registry, String service, String key) {
        handledCount = counter(registry, service, key, "handled");
        retried = counter(registry, service, key, "retried");
        deadLettered = counter(registry, service, key, "dead_lettered");
        duplicate = counter(registry, service, key, "duplicate");
        invalid = counter(registry, service, key, "invalid");
        handler = Timer.builder(MeterNames.HANDLER)
                .description("Time a handler took to process a message successfully")
                .tags(MeterNames.TAG_KEY, key, MeterNames.TAG_SERVICE, service)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        latency = Timer.builder(MeterNames.LATENCY)
                .description("Time from the envelope's timestamp to its delivery to the consumer")
                .tags(MeterNames.TAG_KEY, key, MeterNames.TAG_SERVICE, service)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    List<Meter> meters() {
        return List.of(handledCount, retried, deadLettered, duplicate, invalid, handler, latency);
    }

    private static Counter counter(MeterRegistry registry, String service, String key, String outcome) {
        return Counter.builder(MeterNames.CONSUMED)
                .description("Messages delivered to a consumer, by outcome (handled, retried, dead_lettered, duplicate, invalid)")
                .baseUnit("messages")
                .tags(MeterNames.TAG_KEY, key, MeterNames.TAG_SERVICE, service, MeterNames.TAG_OUTCOME, outcome)
                .register(registry);
    }
}
