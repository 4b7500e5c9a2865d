package dev.yunrag.answer;

import java.util.List;
import java.util.Optional;

/**
 * The rewrite stage of the answer flow: a follow-up question and the conversation before it in, a question that
 * retrieval can use on its own out ("那它的首都呢？" → "法国的首都是哪里？"). Called only when there is a history.
 * An implementation never fails a question: when its model is down it falls back to a rule and says so in
 * {@code notes}. {@link ChatQueryRewriter} is the default.
 */
@FunctionalInterface
public interface QueryRewriter {

    /**
     * @param history     earlier turns, oldest first (not empty)
     * @param question    the latest question, stripped
     * @param answerModel the model that will answer, empty for an extractive answer (then no model rewrites either)
     * @param notes       where to say that the rewrite degraded
     * @return the standalone question (the question itself when it already is one)
     */
    String rewrite(List<Turn> history, String question, Optional<String> answerModel, AnswerNotes notes);
}
