package dev.yunrag.yunwang;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.yunrag.text.ReasoningSplitter;

/**
 * Consumes the server-sent events of one streamed chat completion: {@code data: {chunk}} lines until
 * {@code data: [DONE]}. Content deltas go through an incremental {@link ReasoningSplitter}, so the handler receives
 * answer text through {@code onPartialResponse} and reasoning through {@code onPartialThinking}, never a piece of a
 * {@code <think>} tag. One instance per stream.
 */
final class ChatStreamReader {

    private static final String DATA = "data:";

    private final StreamingChatResponseHandler handler;
    private final YunwangHttp http;
    private final ReasoningSplitter.Incremental splitter;
    private final StringBuilder separateReasoning = new StringBuilder();
    private final YunwangChatResponseMetadata.Builder metadata;
    private FinishReason finishReason;
    private boolean done;

    ChatStreamReader(StreamingChatResponseHandler handler, ChatDefaults model, YunwangHttp http) {
        this.handler = handler;
        this.http = http;
        this.splitter = ReasoningSplitter.incremental(model.reasoningModel());
        this.metadata = YunwangChatResponseMetadata.builder().modelName(model.remoteModel())
                .timeUnit(http.timeUnit());
    }

    /** Handles one line; false once {@code [DONE]} was read. */
    boolean line(String line) {
        if (!line.startsWith(DATA)) {
            return true; // blank separators, comments (": keep-alive"), event names
        }
        String data = line.substring(DATA.length()).strip();
        if (data.equals("[DONE]")) {
            done = true;
            return false;
        }
        if (!data.isEmpty()) {
            chunk(parse(data));
        }
        return true;
    }

    private JsonNode parse(String data) {
        try {
            return YunwangHttp.JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw http.malformed("stream chunk is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void chunk(JsonNode json) {
        ChatCompletionParser.mergeMetadata(metadata, json);
        JsonNode choice = json.path("choices").path(0);
        String finish = ChatCompletionParser.text(choice.get("finish_reason"));
        if (!finish.isEmpty()) {
            finishReason = ChatCompletionParser.finishReason(finish);
        }
        JsonNode delta = choice.path("delta");
        String reasoningDelta = ChatCompletionParser.text(delta.get("reasoning_content"));
        if (!reasoningDelta.isEmpty()) {
            splitter.reasoningDeliveredSeparately();
            separateReasoning.append(reasoningDelta);
            handler.onPartialThinking(new PartialThinking(reasoningDelta));
        }
        deliver(splitter.feed(ChatCompletionParser.text(delta.get("content"))));
    }

    private void deliver(ReasoningSplitter.Split split) {
        if (!split.reasoning().isEmpty()) {
            handler.onPartialThinking(new PartialThinking(split.reasoning()));
        }
        if (!split.answer().isEmpty()) {
            handler.onPartialResponse(split.answer());
        }
    }

    boolean done() {
        return done;
    }

    /** After {@code [DONE]}: flushes held-back text and assembles the complete response. */
    ChatResponse complete() {
        deliver(splitter.finish());
        String reasoning = separateReasoning.isEmpty() ? splitter.reasoning()
                : splitter.reasoning().isBlank() ? separateReasoning.toString()
                : separateReasoning + "\n" + splitter.reasoning();
        return ChatCompletionParser.response(splitter.answer(), reasoning, metadata.finishReason(finishReason));
    }
}
