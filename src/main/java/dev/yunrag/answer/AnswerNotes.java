package dev.yunrag.answer;

import dev.yunrag.yunwang.ApiTimings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An answer's warnings (the human-readable list every answer has), plus what i11's answer checks learnt about it:
 * a stable lowercase code per warning ({@code truncated}, {@code uncited}, {@code chat_fallback}, ...), whether the
 * model was cut off, and the 云网 service's own timings. It is the warnings list itself, so that a warning added as a
 * plain string anywhere still reaches the user, and {@link Answer}'s shape stays as other code builds it.
 */
public class AnswerNotes extends ArrayList<String> {

    public static final String TRUNCATED = "truncated";
    public static final String UNCITED = "uncited";
    public static final String REASONING_EXHAUSTED = "reasoning_exhausted";
    public static final String EMPTY_ANSWER = "empty_answer";
    public static final String CHAT_FALLBACK = "chat_fallback";
    public static final String DEADLINE = "deadline";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String STREAM_CUT = "stream_cut";

    private final LinkedHashSet<String> codes = new LinkedHashSet<>();
    private boolean truncated;
    private ApiTimings apiTimings;

    /** Adds a warning with its code; on a plain list (built elsewhere) the text alone. */
    public static void add(List<String> warnings, String code, String text) {
        warnings.add(text);
        if (warnings instanceof AnswerNotes notes) {
            notes.codes.add(code);
        }
    }

    /** A code for a warning already given in words (a second reason for the same degradation). */
    public static void code(List<String> warnings, String code) {
        if (warnings instanceof AnswerNotes notes) {
            notes.codes.add(code);
        }
    }

    /** The codes of these warnings, in the order first added; empty for a plain list. */
    public static List<String> codesOf(List<String> warnings) {
        return warnings instanceof AnswerNotes notes ? List.copyOf(notes.codes) : List.of();
    }

    public static boolean truncatedOf(List<String> warnings) {
        return warnings instanceof AnswerNotes notes && notes.truncated;
    }

    public static ApiTimings apiTimingsOf(List<String> warnings) {
        return warnings instanceof AnswerNotes notes ? notes.apiTimings : null;
    }

    static void markTruncated(List<String> warnings) {
        if (warnings instanceof AnswerNotes notes) {
            notes.truncated = true;
        }
    }

    static void apiTimings(List<String> warnings, ApiTimings timings) {
        if (warnings instanceof AnswerNotes notes) {
            notes.apiTimings = timings;
        }
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
