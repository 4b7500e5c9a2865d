package dev.yunrag.yunwang;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many calls one endpoint may have in flight, learnt from its 429s: the limit halves on a 429 (never below one)
 * and grows back by one after as many successes in a row as the limit is wide (additive increase, multiplicative
 * decrease), between 1 and the configured {@code max-concurrency}. A {@code Retry-After} pauses every new call to
 * the endpoint until it has passed, since the server said when it will have room again; callers that each retried on
 * their own schedule would keep the burst going.
 */
final class AdaptiveLimiter {

    private final int max;
    private final LongSupplier nanoClock;
    private int limit;
    private int inFlight;
    private int successesSinceChange;
    private long pausedUntil;

    AdaptiveLimiter(int max) {
        this(max, System::nanoTime);
    }

    AdaptiveLimiter(int max, LongSupplier nanoClock) {
        this.max = max;
        this.limit = max;
        this.nanoClock = nanoClock;
    }

    /**
     * Waits for a slot until {@code deadlineNanos} (a {@link System#nanoTime()} value).
     *
     * @return false when the deadline passed first
     */
    synchronized boolean acquire(long deadlineNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            // As a semaphore would: a cancelled caller must not send anything.
            throw new InterruptedException();
        }
        while (true) {
            long now = nanoClock.getAsLong();
            long pause = pausedUntil - now;
            if (pause <= 0 && inFlight < limit) {
                inFlight++;
                return true;
            }
            long left = deadlineNanos - now;
            if (left <= 0) {
                return false;
            }
            long wait = pause > 0 ? Math.min(pause, left) : left;
            wait(Math.max(1, wait / 1_000_000));
        }
    }

    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    synchronized void onSuccess() {
        if (limit < max && ++successesSinceChange >= limit) {
            limit++;
            successesSinceChange = 0;
            notifyAll();
        }
    }

    /** A 429: fewer calls at once, and none before the server's {@code Retry-After} (if it sent one). */
    synchronized void onRateLimited(Duration retryAfter) {
        limit = Math.max(1, limit / 2);
        successesSinceChange = 0;
        if (retryAfter != null && !retryAfter.isZero()) {
            pausedUntil = Math.max(pausedUntil, nanoClock.getAsLong() + retryAfter.toNanos());
        }
    }

    synchronized int limit() {
        return limit;
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
