package dev.yunrag.yunwang;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The time a caller can still wait for a 云网 call, carried on the calling thread so that it reaches the HTTP layer
 * through LangChain4j's model interfaces, which have no place for it. A question sets one (its budget to the first
 * answer token); ingestion sets none and keeps each endpoint's own, longer timeouts. Within a budget, timeouts,
 * permit waits and 429 back-off all stop at the deadline, so that the caller can still degrade in time.
 */
public final class CallBudget {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private CallBudget() {
    }

    /** Runs {@code call} with a deadline {@code budget} from now, unless an earlier deadline is already in force. */
    public static <T> T within(Duration budget, Supplier<T> call) {
        long deadline = System.nanoTime() + budget.toNanos();
        Long outer = DEADLINE.get();
        if (outer != null && outer - deadline < 0) {
            return call.get();
        }
        return at(deadline, call);
    }

    /** Runs {@code call} with this absolute deadline ({@link System#nanoTime()}), or none when null. */
    static <T> T at(Long deadlineNanos, Supplier<T> call) {
        Long previous = DEADLINE.get();
        if (deadlineNanos == null) {
            DEADLINE.remove();
        } else {
            DEADLINE.set(deadlineNanos);
        }
        try {
            return call.get();
        } finally {
            if (previous == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(previous);
            }
        }
    }

    /** The deadline in force on this thread ({@link System#nanoTime()}), or null. */
    static Long current() {
        return DEADLINE.get();
    }
}
