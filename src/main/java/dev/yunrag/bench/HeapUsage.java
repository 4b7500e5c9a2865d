package dev.yunrag.bench;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections: what the live objects take, without garbage that happens to be around. */
final class HeapUsage {

    private HeapUsage() {
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
