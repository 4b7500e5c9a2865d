package dev.yunrag.yunwang;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops hammering an endpoint that keeps failing: after {@code threshold} consecutive transient failures it opens and
 * refuses calls locally; after the cool-down it lets a single trial call through (half-open), which closes it on
 * success or opens it again on failure. This turns a dead endpoint into fast, clear errors instead of a pile of
 * timeouts during an ingestion of thousands of chunks.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final int timeoutThreshold;
    private final long coolDownNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private int consecutiveDeadlineTimeouts;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration coolDown) {
        this(threshold, coolDown, System::nanoTime);
    }

    CircuitBreaker(int threshold, Duration coolDown, LongSupplier nanoClock) {
        this(threshold, threshold, coolDown, nanoClock);
    }

    /**
     * @param timeoutThreshold consecutive timeouts of calls made under a question's deadline that open the circuit:
     *                         a question that waited its whole budget is the signal that the next one would wait too
     */
    CircuitBreaker(int threshold, int timeoutThreshold, Duration coolDown, LongSupplier nanoClock) {
        this.threshold = threshold;
        this.timeoutThreshold = timeoutThreshold;
        this.coolDownNanos = coolDown.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether a call may go out now; in half-open state only one trial call is allowed at a time. */
    synchronized boolean tryAcquire() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= coolDownNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        consecutiveDeadlineTimeouts = 0;
        trialInFlight = false;
    }

    /** Records a transient failure (a refused request such as 400 or 401 says nothing about the endpoint's health). */
    synchronized void onFailure() {
        consecutiveFailures++;
        consecutiveDeadlineTimeouts = 0;
        openIfDue(consecutiveFailures >= threshold);
    }

    /** A timeout of a call that had a question's deadline: opens the circuit after fewer of them in a row. */
    synchronized void onDeadlineTimeout() {
        consecutiveFailures++;
        consecutiveDeadlineTimeouts++;
        openIfDue(consecutiveFailures >= threshold || consecutiveDeadlineTimeouts >= timeoutThreshold);
    }

    private void openIfDue(boolean due) {
        if (state == State.HALF_OPEN || due) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
            trialInFlight = false;
        }
    }

    /** A call that was let through but ended without saying anything about health (e.g. a 400). */
    synchronized void onNeutral() {
        trialInFlight = false;
    }

    synchronized State state() {
        return state;
    }
}
