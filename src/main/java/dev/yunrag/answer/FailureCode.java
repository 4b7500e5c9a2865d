package dev.yunrag.answer;

/**
 * A model failure that names the warning code (one of {@link AnswerNotes}'s, e.g. {@link AnswerNotes#RATE_LIMITED}
 * or {@link AnswerNotes#DEADLINE}) a user should see beside the generic {@link AnswerNotes#CHAT_FALLBACK}. The vendor
 * adapter's exception implements it ({@code YunwangException}); any other failure is a plain fallback.
 */
@FunctionalInterface
public interface FailureCode {

    /** The more precise warning code of this failure, or null when {@code chat_fallback} says it all. */
    String warningCode();
}
