package dev.yunrag.answer;

import dev.yunrag.retrieve.RetrievalResult;

/** Receives a streamed answer: the sources first, then deltas, then the finished answer. */
public interface AnswerEvents {

    /** Retrieval is done: these passages are the numbered sources [1]..[k]. */
    void sources(AnswerService.Prepared prepared, RetrievalResult retrieval);

    /** A piece of the answer text. */
    void answerDelta(String text);

    /** A piece of a reasoning model's thinking (never part of the answer). */
    void reasoningDelta(String text);

    /** The complete, citation-checked answer. */
    void done(Answer answer);
}
