package dev.bloodbank.metrics;

import dev.bloodbank.flow.FlowListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The flow listener that records Micrometer meters. Meters are registered the first time a key is
 * seen and held in maps keyed by plain strings, so a message costs a hash lookup and an increment,
 * never a registry lookup or an allocation. A key's kind (event or command) is looked up once,
 * when its meters are registered. {@link #close()} removes every meter it registered.
 */
final class MicrometerFlowListener implements FlowListener, AutoCloseable {

    private final MeterRegistry registry;
    private final String service;
    private final TimerShape shape;
    private final UnaryOperator<String> kindOf;
    private final ConcurrentMap<String, PublishMeters> publish = new ConcurrentHashMap<>();
    // service -> key -> meters: two lookups, but no composite key object per message.
    private final ConcurrentMap<String, ConcurrentMap<String, ConsumeMeters>> consume = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Gauge inFlightGauge;

    /**
     * @param registry where meters go
     * @param service  the publishing application's name, the {@code service} tag of publish meters
     * @param shape    how timers report their distribution
     * @param kindOf   the {@code kind} tag value of a key
     */
    MicrometerFlowListener(MeterRegistry registry, String service, TimerShape shape, UnaryOperator<String> kindOf) {
        this.registry = registry;
        this.service = service;
        this.shape = shape;
        this.kindOf = kindOf;
        this.inFlightGauge = Gauge.builder(MeterNames.IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Publishes awaiting the broker's confirm")
                .baseUnit("messages")
                .tag(MeterNames.TAG_SERVICE, service)
                .register(registry);
    }

    @Override
    public void published(String key) {
        publishMeters(key).sent.increment();
    }

    @Override
    public void confirmed(String key, long nanos) {
        PublishMeters m = publishMeters(key);
        m.confirmed.increment();
        m.confirm.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void nacked(String key) {
        publishMeters(key).nacked.increment();
    }

    @Override
    public void returned(String key) {
        publishMeters(key).returned.increment();
    }

    @Override
    public void inFlight(int publishes) {
        inFlight.set(publishes);
    }

    @Override
    public void consumed(String service, String key, long latencyNanos) {
        if (latencyNanos >= 0) consumeMeters(service, key).latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handled(String service, String key, long nanos) {
        ConsumeMeters m = consumeMeters(service, key);
        m.handledCount.increment();
        m.handler.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retried(String service, String key, int nextAttempt) {
        consumeMeters(service, key).retried.increment();
    }

    @Override
    public void deadLettered(String service, String key, int attempts) {
        consumeMeters(service, key).deadLettered.increment();
    }

    @Override
    public void duplicate(String service, String key) {
        consumeMeters(service, key).duplicate.increment();
    }

    @Override
    public void invalid(String service, String key) {
        consumeMeters(service, key).invalid.increment();
    }

    private PublishMeters publishMeters(String key) {
        PublishMeters m = publish.get(key);
        return m != null ? m : publish.computeIfAbsent(key, k -> new PublishMeters(registry, shape, service, k, kindOf.apply(k)));
    }

    private ConsumeMeters consumeMeters(String consumer, String key) {
        ConcurrentMap<String, ConsumeMeters> byKey = consume.get(consumer);
        if (byKey == null) byKey = consume.computeIfAbsent(consumer, s -> new ConcurrentHashMap<>());
        ConsumeMeters m = byKey.get(key);
        return m != null ? m : byKey.computeIfAbsent(key, k -> new ConsumeMeters(registry, shape, consumer, k, kindOf.apply(k)));
    }

    @Override
    public void close() {
        List<Meter> meters = new ArrayList<>();
        meters.add(inFlightGauge);
        publish.values().forEach(m -> meters.addAll(m.meters()));
        consume.values().forEach(byKey -> byKey.values().forEach(m -> meters.addAll(m.meters())));
        meters.forEach(registry::remove);
        publish.clear();
        consume.clear();
    }
}
