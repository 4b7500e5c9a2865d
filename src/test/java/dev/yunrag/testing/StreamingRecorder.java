package dev.yunrag.testing;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records what a streaming chat call delivers to its handler: the answer and thinking pieces in order, and the
 * complete response or the error, which {@link #response} and {@link #error} wait for.
 */
public final class StreamingRecorder implements StreamingChatResponseHandler {

    private final List<String> answer = new CopyOnWriteArrayList<>();
    private final List<String> thinking = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ChatResponse> result = new CompletableFuture<>();

    @Override
    public void onPartialResponse(String partial) {
        answer.add(partial);
    }

    @Override
    public void onPartialThinking(PartialThinking partial) {
        thinking.add(partial.text());
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        result.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    /** The answer pieces, in the order they came. */
    public List<String> answer() {
        return List.copyOf(answer);
    }

    /** The thinking (reasoning) pieces, in the order they came. */
    public List<String> thinking() {
        return List.copyOf(thinking);
    }

    /** The complete response; fails if the stream ended in an error or did not end within the time. */
    public ChatResponse response(long seconds) throws Exception {
        return result.get(seconds, TimeUnit.SECONDS);
    }

    /** The error the stream ended with; fails if it completed instead. */
    public Throwable error(long seconds) throws Exception {
        try {
            result.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected an error");
    }

    /** Waits until the stream completed or failed, whichever; fails when it did neither within the time. */
    public void awaitEnd(long seconds) throws InterruptedException {
        try {
            result.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // ended in an error: error(...) has it
        } catch (TimeoutException e) {
            throw new AssertionError("the stream neither completed nor failed", e);
        }
    }

    /** The complete response if the stream completed, else null. */
    public ChatResponse responseOrNull() {
        return result.isDone() && !result.isCompletedExceptionally() ? result.join() : null;
    }

    /** The error if the stream failed, else null. */
    public Throwable errorOrNull() {
        if (!result.isCompletedExceptionally()) {
            return null;
        }
        try {
            result.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }
}
