package dev.yunrag.answer;

import dev.langchain4j.model.output.FinishReason;
import dev.yunrag.yunwang.ApiTimings;
import dev.yunrag.yunwang.YunwangChatResponseMetadata;
import dev.yunrag.yunwang.YunwangException;
import java.util.List;
import java.util.Optional;

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

    static Verdict check(List<String> warnings, String model, String answerText, String reasoning,
                         CitedAnswer cited, int sources, Optional<YunwangChatResponseMetadata> metadata) {
        metadata.map(YunwangChatResponseMetadata::apiTimings).ifPresent(t -> AnswerNotes.apiTimings(warnings, t));
        FinishReason finish = metadata.map(YunwangChatResponseMetadata::finishReason).orElse(null);
        if (answerText == null || answerText.isBlank()) {
            boolean reasoned = reasoning != null && !reasoning.isBlank();
            AnswerNotes.add(warnings, reasoned ? AnswerNotes.REASONING_EXHAUSTED : AnswerNotes.EMPTY_ANSWER,
                    reasoned ? "The answer model " + model + " spent its whole token budget on reasoning and gave no"
                            + " answer (finish_reason " + finishName(finish) + "); this is an extractive answer "
                            + "quoted from the sources."
                            : "The answer model " + model + " returned an empty answer; this is an extractive answer "
                            + "quoted from the sources.");
            return Verdict.USE_EXTRACTIVE;
        }
        if (finish == FinishReason.LENGTH) {
            AnswerNotes.markTruncated(warnings);
            AnswerNotes.add(warnings, AnswerNotes.TRUNCATED, "The answer was cut off at the model's token limit "
                    + "(finish_reason length): it is incomplete.");
        }
        if (sources > 0 && cited.citations().isEmpty()) {
            AnswerNotes.add(warnings, AnswerNotes.UNCITED, "The answer cites none of the sources: it may not come "
                    + "from the documents; check it against them before relying on it.");
        }
        return Verdict.KEEP;
    }

    /** The warning for a chat model that failed before answering, by what happened. */
    static void chatFailed(List<String> warnings, String model, Throwable error) {
        String code = AnswerNotes.CHAT_FALLBACK;
        String why = error.getMessage();
        if (error instanceof YunwangException e) {
            if (e.kind() == YunwangException.Kind.RATE_LIMITED) {
                code = AnswerNotes.RATE_LIMITED;
            } else if (e.kind() == YunwangException.Kind.TIMEOUT && why.contains("question's")) {
                code = AnswerNotes.DEADLINE;
            }
        }
        if (!code.equals(AnswerNotes.CHAT_FALLBACK)) {
            AnswerNotes.add(warnings, AnswerNotes.CHAT_FALLBACK, "The answer model " + model + " is unavailable ("
                    + why + "); this is an extractive answer quoted from the sources.");
            AnswerNotes.code(warnings, code);
            return;
        }
        AnswerNotes.add(warnings, code, "The answer model " + model + " is unavailable (" + why
                + "); this is an extractive answer quoted from the sources.");
    }

    /** The stream was cut after part of the answer was shown. */
    static void streamCut(List<String> warnings, String model, Throwable error) {
        AnswerNotes.markTruncated(warnings);
        AnswerNotes.add(warnings, AnswerNotes.STREAM_CUT, "The answer stream from " + model + " was cut short ("
                + error.getMessage() + "); the answer may be incomplete.");
    }

    private static String finishName(FinishReason finish) {
        return finish == FinishReason.LENGTH ? "length" : finish == null ? "none" : finish.name().toLowerCase();
    }
}
