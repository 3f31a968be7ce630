package dev.bloodbank.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * CPU time this process has used, all threads together, and the time its JIT compilers spent. On a
 * machine where the broker and the clients share the cores, a client's CPU per message is what it
 * takes away from the broker; the compilers' share of it says how far from its steady state a
 * client still was.
 */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private ProcessCpu() {}

    /** The process's CPU nanoseconds and the JIT's accumulated compilation milliseconds, at one moment or over a span. */
    record Reading(long cpuNanos, long jitMillis) {

        /** What was spent from {@code this} reading to now. */
        Reading spentSince() {
            Reading now = read();
            return new Reading(now.cpuNanos - cpuNanos, now.jitMillis - jitMillis);
        }
    }

    static Reading read() {
        return new Reading(OS.getProcessCpuTime(), JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0);
    }
}
