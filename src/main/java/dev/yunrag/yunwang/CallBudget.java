package dev.yunrag.yunwang;

import dev.yunrag.answer.QuestionScope;
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
    private static final ThreadLocal<Long> QUESTION_START = new ThreadLocal<>();

    /** Marks where a question began on this thread; chat calls within it count their budget from there. */
    public static Scope question() {
        Long previous = QUESTION_START.get();
        QUESTION_START.set(System.nanoTime());
        return () -> {
            if (previous == null) {
                QUESTION_START.remove();
            } else {
                QUESTION_START.set(previous);
            }
        };
    }

    /** Ends a {@link #question()} scope; the answer flow holds it as its own {@link QuestionScope.Open}. */
    public interface Scope extends QuestionScope.Open {
    }

    private CallBudget() {
    }

    /**
     * Runs {@code call} with a deadline {@code budget} from the start of the question (or from now outside one),
     * unless an earlier deadline is already in force.
     */
    public static <T> T within(Duration budget, Supplier<T> call) {
        Long start = QUESTION_START.get();
        long deadline = (start == null ? System.nanoTime() : start) + budget.toNanos();
        Long outer = DEADLINE.get();
        if (outer != null && outer - deadline < 0) {
            return call.get();
        }
        return at(deadline, call);
    }

    /**
     * The part of a question's budget the chat call may use: all but a tenth, which is kept for the extractive
     * answer that replaces a chat model that did not answer in time, so the user has an answer within the budget.
     */
    public static Duration forChat(Duration questionBudget) {
        return questionBudget.minus(questionBudget.dividedBy(10));
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
