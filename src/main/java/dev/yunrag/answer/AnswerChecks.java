package dev.yunrag.answer;

import dev.yunrag.model.ApiTimings;

import dev.langchain4j.model.output.FinishReason;

/**
 * Whether a generated answer may pass as a good one, and what to tell the user when it may not: an answer cut by
 * {@code max_tokens} is marked truncated, an empty one (a reasoning model that spent its budget thinking) is replaced
 * by the extractive answer, and one without a single valid citation is flagged {@code uncited}. Also names why the
 * chat model failed, in words and as a code.
 */
final class AnswerChecks {

    private AnswerChecks() {
    }

    /** What {@link #check} decided. */
    enum Verdict { KEEP, USE_EXTRACTIVE }

    /**
     * @param finish the reply's finish reason (null when unknown)
     * @param timings the answer model service's own timings of the reply (null when it sent none)
     */
    static Verdict check(AnswerNotes notes, String model, String answerText, String reasoning, CitedAnswer cited,
                         int sources, FinishReason finish, ApiTimings timings) {
        if (timings != null) {
            notes.apiTimings(timings);
        }
        if (answerText == null || answerText.isBlank()) {
            boolean reasoned = reasoning != null && !reasoning.isBlank();
            notes.warn(reasoned ? AnswerNotes.REASONING_EXHAUSTED : AnswerNotes.EMPTY_ANSWER,
                    reasoned ? "The answer model " + model + " spent its whole token budget on reasoning and gave no"
                            + " answer (finish_reason " + finishName(finish) + "); this is an extractive answer "
                            + "quoted from the sources."
                            : "The answer model " + model + " returned an empty answer; this is an extractive answer "
                            + "quoted from the sources.");
            return Verdict.USE_EXTRACTIVE;
        }
        if (finish == FinishReason.LENGTH) {
            notes.markTruncated();
            notes.warn(AnswerNotes.TRUNCATED, "The answer was cut off at the model's token limit "
                    + "(finish_reason length): it is incomplete.");
        }
        if (sources > 0 && cited.citations().isEmpty()) {
            notes.warn(AnswerNotes.UNCITED, "The answer cites none of the sources: it may not come "
                    + "from the documents; check it against them before relying on it.");
        }
        return Verdict.KEEP;
    }

    /** The warning for a chat model that failed before answering, by what happened. */
    static void chatFailed(AnswerNotes notes, String model, Throwable error) {
        String why = error.getMessage();
        notes.warn(AnswerNotes.CHAT_FALLBACK, "The answer model " + model + " is unavailable (" + why
                + "); this is an extractive answer quoted from the sources.");
        String precise = error instanceof FailureCode coded ? coded.warningCode() : null;
        if (precise != null) {
            notes.code(precise);
        }
    }

    /** The stream was cut after part of the answer was shown. */
    static void streamCut(AnswerNotes notes, String model, Throwable error) {
        notes.markTruncated();
        notes.warn(AnswerNotes.STREAM_CUT, "The answer stream from " + model + " was cut short ("
                + error.getMessage() + "); the answer may be incomplete.");
    }

    private static String finishName(FinishReason finish) {
        return finish == FinishReason.LENGTH ? "length" : finish == null ? "none" : finish.name().toLowerCase();
    }
}
