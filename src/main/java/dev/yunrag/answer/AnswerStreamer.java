package dev.yunrag.answer;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.yunrag.text.SentenceSplitter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Streams an answer: sources, then answer deltas token by token from a streaming chat model (or sentence by sentence
 * for an extractive answer), then the final answer with checked citations. The stages before generation and the
 * answer built from the reply are {@link AnswerService}'s, so both paths have the same order, timings and topK. A stream that fails before its first
 * delta falls back to the extractive answer; one cut in the middle keeps what arrived and says so.
 */
public class AnswerStreamer {

    private static final Logger LOG = Logger.getLogger(AnswerStreamer.class);
    private static final long MAX_WAIT_MINUTES = 10;

    private final AnswerService service;

    public AnswerStreamer(AnswerService service) {
        this.service = service;
    }

    /** Validates and retrieves first (errors here are thrown before any event), then streams. */
    public AnswerService.Prepared prepare(AskRequest request) {
        return service.prepare(request);
    }

    public void stream(AnswerService.Prepared prepared, AnswerEvents events) {
        long start = System.nanoTime();
        events.sources(prepared, prepared.retrieval());
        Optional<StreamingChatModel> streaming = prepared.model().flatMap(service.models()::streaming);
        Answer answer = streaming.isPresent() ? generate(prepared, streaming.get(), events) : null;
        if (answer == null) {
            answer = service.extract(prepared);
            for (SentenceSplitter.Span span : SentenceSplitter.split(answer.answer())) {
                events.answerDelta(answer.answer().substring(span.start(), span.end()));
            }
        }
        answer.timings().put("total", AnswerService.ms(start));
        events.done(answer);
    }

    private Answer generate(AnswerService.Prepared prepared, StreamingChatModel model, AnswerEvents events) {
        String name = prepared.model().orElseThrow();
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        CompletableFuture<ChatResponse> finished = new CompletableFuture<>();
        long t0 = System.nanoTime();
        model.chat(ChatRequest.builder().modelName(name).messages(prepared.prompt().messages()).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        text.append(partial);
                        events.answerDelta(partial);
                    }

                    @Override
                    public void onPartialThinking(PartialThinking partial) {
                        thinking.append(partial.text());
                        events.reasoningDelta(partial.text());
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        finished.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        finished.completeExceptionally(error);
                    }
                });
        ChatResponse response = null;
        try {
            response = finished.get(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warnf("Streaming from %s failed: %s", name, cause.getMessage());
            if (text.isEmpty()) {
                AnswerChecks.chatFailed(prepared.notes(), name, cause);
                return null;
            }
            AnswerChecks.streamCut(prepared.notes(), name, cause);
        }
        prepared.timings().put("generate", AnswerService.ms(t0));
        String finalText = response != null && response.aiMessage().text() != null ? response.aiMessage().text()
                : text.toString();
        String finalThinking = response != null && response.aiMessage().thinking() != null
                ? response.aiMessage().thinking() : thinking.isEmpty() ? null : thinking.toString();
        return service.fromReply(prepared, name, finalText, finalThinking,
                response == null ? null : response.tokenUsage(), response == null ? null : response.finishReason(),
                ReplyTimings.of(response).orElse(null));
    }
}
