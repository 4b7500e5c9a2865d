package dev.yunrag.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the load benchmark watches in the JVM that serves the requests: live platform threads (a leak shows as growth
 * between two quiet moments) and heap used right after a full collection (a leak shows as a rising floor).
 */
public final class JvmProbe {

    /** Heap used after a full GC, {@code second}s into the measured run. */
    public record HeapSample(double second, double megabytes) {
    }

    private JvmProbe() {
    }

    /** Live platform threads (virtual threads are not counted). */
    public static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    public static int peakThreads() {
        return ManagementFactory.getThreadMXBean().getPeakThreadCount();
    }

    public static void resetPeakThreads() {
        ManagementFactory.getThreadMXBean().resetPeakThreadCount();
    }

    /**
     * Forces a full collection and returns what is left. The pause (tens of ms) falls on requests in flight, which is
     * why the benchmark samples only every few seconds.
     */
    public static double heapAfterGcMegabytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }

    /** Least-squares slope of the samples in MB per minute (0 for fewer than two). */
    public static double slopePerMinute(List<HeapSample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = samples.stream().mapToDouble(HeapSample::second).average().orElse(0);
        double meanY = samples.stream().mapToDouble(HeapSample::megabytes).average().orElse(0);
        double num = 0;
        double den = 0;
        for (HeapSample s : samples) {
            num += (s.second() - meanX) * (s.megabytes() - meanY);
            den += (s.second() - meanX) * (s.second() - meanX);
        }
        return den == 0 ? 0 : num / den * 60;
    }

    /** The 1, 5 and 15 minute load averages as the kernel reports them, or "n/a" off Linux. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
