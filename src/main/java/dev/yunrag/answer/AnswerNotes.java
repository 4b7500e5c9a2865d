package dev.yunrag.answer;

import dev.yunrag.yunwang.ApiTimings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The warnings list of a question while it is being answered, which also collects what the answer checks learn: a
 * stable lowercase code per warning ({@code truncated}, {@code uncited}, {@code chat_fallback}, ...), whether the
 * model was cut off, and the 云网 service's own timings. A warning added as a plain string anywhere on the way still
 * reaches the user. When the {@link Answer} is built, these become its own fields ({@code warningCodes},
 * {@code truncated}, {@code apiTimings}); nothing reads them from the list after that.
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
