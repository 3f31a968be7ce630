package dev.bloodbank.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time this process has used, all threads together. On a machine where the broker and the
 * clients share the cores, a client's CPU per message is what it takes away from the broker.
 */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {}

    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
