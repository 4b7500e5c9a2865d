package dev.yunrag.yunwang;

import java.time.Duration;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * Streamed chat over {@code POST /v1/chat/completions} with {@code "stream": true}. The call returns at once; the
 * handler is called on a virtual thread: {@code onPartialThinking} for reasoning, {@code onPartialResponse} for
 * answer text, then {@code onCompleteResponse} with the whole answer, reasoning and {@link YunwangChatResponseMetadata}
 * (usage and timings when the server sends them in a chunk), or {@code onError} with a {@link YunwangException}.
 * Failures before the first byte are retried; a stream cut later ends with STREAM_INTERRUPTED, never a retry, since
 * the handler has already shown part of the answer.
 */
public class YunwangStreamingChatModel implements StreamingChatModel {

    private final YunwangHttp http;
    private final ChatModelCatalogue catalogue;
    private final Duration questionDeadline;

    public YunwangStreamingChatModel(YunwangHttp http, ChatModelCatalogue catalogue) {
        this(http, catalogue, null);
    }

    /** @param questionDeadline each call's budget to its first byte (null: the endpoint's own timeouts) */
    public YunwangStreamingChatModel(YunwangHttp http, ChatModelCatalogue catalogue, Duration questionDeadline) {
        this.http = http;
        this.catalogue = catalogue;
        this.questionDeadline = questionDeadline;
    }

    public ChatModelCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatDefaults model = catalogue.resolve(request.modelName());
        var body = ChatRequestMapper.toBody(request, model, true);
        // The budget lives on the caller's thread; the stream runs on another, so it is carried over.
        Long deadline = questionDeadline == null ? CallBudget.current()
                : CallBudget.within(CallBudget.forChat(questionDeadline), CallBudget::current);
        Thread.ofVirtual().name("yunwang-chat-stream").start(() -> CallBudget.at(deadline, () -> {
            stream(body, model, handler);
            return null;
        }));
    }

    private void stream(com.fasterxml.jackson.databind.JsonNode body, ChatDefaults model,
            StreamingChatResponseHandler handler) {
        ChatStreamReader reader = new ChatStreamReader(handler, model, http);
        try {
            http.postStream(YunwangChatModel.PATH, body, reader::line);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        try {
            handler.onCompleteResponse(reader.complete());
        } catch (RuntimeException e) {
            handler.onError(e);
        }
    }
}
