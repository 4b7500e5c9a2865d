package dev.yunrag.answer;

/**
 * Marks where a question begins for the model calls made while answering it, so that the answer model's deadline
 * counts from the question's start and not from the chat call's (rewrite and retrieval already spent part of it).
 * The vendor adapter implements it ({@code dev.yunrag.yunwang.CallBudget::question}); without one ({@link #NONE})
 * each call keeps its own timeout.
 */
@FunctionalInterface
public interface QuestionScope {

    /** No question scope: model calls keep their own timeouts. */
    QuestionScope NONE = () -> () -> {
    };

    /** Opens the scope of one question on the calling thread; closing it restores what was there before. */
    Open open();

    /** An open question scope. */
    interface Open extends AutoCloseable {
        @Override
        void close();
    }
}
