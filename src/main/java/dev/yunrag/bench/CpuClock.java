package dev.yunrag.bench;

import java.lang.management.ManagementFactory;

/** Wall and process CPU time, to report how busy the cores were during a run. */
final class CpuClock {

    private final long wallStart = System.nanoTime();
    private final long cpuStart = processCpuNanos();

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    /** Average cores busy (CPU seconds per wall second), or -1 when the JVM cannot tell. */
    double coresBusy() {
        long cpu = processCpuNanos();
        return cpu < 0 || cpuStart < 0 ? -1 : (cpu - cpuStart) / 1e9 / wallSeconds();
    }
}
