package dev.yunrag.answer;

import dev.yunrag.model.ApiTimings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a question collects while it is being answered, besides the answer: its warnings for the user, a stable
 * lowercase code per kind of warning ({@code truncated}, {@code uncited}, {@code chat_fallback}, ...), whether the
 * model was cut off, and the answer model service's own timings. When the {@link Answer} is built these become its
 * fields ({@code warnings}, {@code warningCodes}, {@code truncated}, {@code apiTimings}); nothing reads them from here
 * after that. Not thread-safe: one question, one thread at a time.
 */
public final class AnswerNotes {

    public static final String TRUNCATED = "truncated";
    public static final String UNCITED = "uncited";
    public static final String REASONING_EXHAUSTED = "reasoning_exhausted";
    public static final String EMPTY_ANSWER = "empty_answer";
    public static final String CHAT_FALLBACK = "chat_fallback";
    public static final String DEADLINE = "deadline";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String STREAM_CUT = "stream_cut";

    private final List<String> warnings = new ArrayList<>();
    private final LinkedHashSet<String> codes = new LinkedHashSet<>();
    private boolean truncated;
    private ApiTimings apiTimings;

    /** A warning in words, without a code of its own (retrieval's degradations, a failed rewrite). */
    public void warn(String text) {
        warnings.add(text);
    }

    /** Warnings in words, in order. */
    public void warnAll(Collection<String> texts) {
        warnings.addAll(texts);
    }

    /** A warning with its code. */
    public void warn(String code, String text) {
        warnings.add(text);
        codes.add(code);
    }

    /** A code for a warning already given in words (a second reason for the same degradation). */
    public void code(String code) {
        codes.add(code);
    }

    /** The model's answer was cut off ({@code finish_reason: length}, or a cut stream). */
    public void markTruncated() {
        truncated = true;
    }

    /** The answer model service's timings of the reply the answer is built from. */
    public void apiTimings(ApiTimings timings) {
        apiTimings = timings;
    }

    /** The warnings so far, in the order given. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The codes so far, each once, in the order first given. */
    public List<String> codes() {
        return List.copyOf(codes);
    }

    public boolean truncated() {
        return truncated;
    }

    /** Null when the service sent none. */
    public ApiTimings apiTimings() {
        return apiTimings;
    }

    @Override
    public String toString() {
        return "AnswerNotes" + warnings + " codes=" + codes + (truncated ? " truncated" : "");
    }
}
