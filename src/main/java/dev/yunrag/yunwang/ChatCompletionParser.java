package dev.yunrag.yunwang;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.yunrag.text.ReasoningSplitter;
import java.util.ArrayList;
import java.util.List;

/** Reads the pieces of a chat completion (whole or streamed chunk) that the service keeps. */
final class ChatCompletionParser {

    private ChatCompletionParser() {
    }

    /** A complete, non-streamed response. */
    static ChatResponse parse(JsonNode json, ChatDefaults model, YunwangHttp http) {
        JsonNode choice = json.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw http.malformed("no choices[0].message in the chat response");
        }
        String content = text(message.get("content"));
        String separateReasoning = text(message.get("reasoning_content"));
        ReasoningSplitter.Split split = split(content, separateReasoning, model.reasoningModel());
        return response(split.answer(), split.reasoning(), metadata(json, model).timeUnit(http.timeUnit())
                .finishReason(finishReason(text(choice.get("finish_reason")))));
    }

    /** Inline reasoning and a separate field may both be present; both are reasoning, never answer. */
    static ReasoningSplitter.Split split(String content, String separateReasoning, boolean reasoningModel) {
        if (separateReasoning.isBlank()) {
            return ReasoningSplitter.split(content, reasoningModel);
        }
        ReasoningSplitter.Split inline = ReasoningSplitter.split(content, false);
        String reasoning = inline.reasoning().isEmpty()
                ? separateReasoning.strip() : separateReasoning.strip() + "\n" + inline.reasoning();
        return new ReasoningSplitter.Split(reasoning, inline.answer());
    }

    static ChatResponse response(String answer, String reasoning, YunwangChatResponseMetadata.Builder metadata) {
        AiMessage message = AiMessage.builder()
                .text(answer)
                .thinking(reasoning == null || reasoning.isBlank() ? null : reasoning.strip())
                .build();
        return ChatResponse.builder().aiMessage(message).metadata(metadata.build()).build();
    }

    /** Id, model, usage and the service's timings; present in a whole response or (some of) the stream's chunks. */
    static YunwangChatResponseMetadata.Builder metadata(JsonNode json, ChatDefaults model) {
        return mergeMetadata(YunwangChatResponseMetadata.builder().modelName(model.remoteModel()), json);
    }

    static YunwangChatResponseMetadata.Builder mergeMetadata(YunwangChatResponseMetadata.Builder builder, JsonNode json) {
        if (json.hasNonNull("id")) {
            builder.id(json.get("id").asText());
        }
        if (json.hasNonNull("model")) {
            builder.modelName(json.get("model").asText());
        }
        JsonNode usage = json.get("usage");
        if (usage != null && usage.isObject()) {
            builder.tokenUsage(new TokenUsage(YunwangScoringModel.intOrNull(usage.get("prompt_tokens")),
                    YunwangScoringModel.intOrNull(usage.get("completion_tokens")),
                    YunwangScoringModel.intOrNull(usage.get("total_tokens"))));
        }
        JsonNode prefill = json.get("prefill_time");
        if (prefill != null && prefill.isNumber()) {
            builder.prefillTime(prefill.doubleValue());
        }
        JsonNode decode = json.get("decode_time_arr");
        if (decode != null && decode.isArray()) {
            List<Double> times = new ArrayList<>(decode.size());
            decode.forEach(step -> times.add(step.asDouble()));
            builder.decodeTimes(times);
        }
        return builder;
    }

    static FinishReason finishReason(String value) {
        return switch (value) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "tool_calls", "function_call" -> FinishReason.TOOL_EXECUTION;
            case "" -> null;
            default -> FinishReason.OTHER;
        };
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }
}
