package dev.bloodbank.examples.transcripts;

import dev.bloodbank.flow.FlowListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the processor decided, per key, on either transport. */
final class CountingListener implements FlowListener {

    private final Map<String, AtomicInteger> duplicates = new ConcurrentHashMap<>();

    @Override
    public void duplicate(String service, String key) {
        duplicates.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    int duplicates(String key) {
        AtomicInteger count = duplicates.get(key);
        return count == null ? 0 : count.get();
    }
}
