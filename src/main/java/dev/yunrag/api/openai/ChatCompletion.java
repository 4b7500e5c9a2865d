package dev.yunrag.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.yunrag.model.Citation;
import java.util.List;

/**
 * A non-streamed OpenAI chat completion, {@code usage} always set. YunRAG's additions live in the message's
 * {@code yunrag} extension ({@link YunragExtension}, the documented one). The top-level {@code citations} and
 * {@code warnings} repeat it, and {@code prefill_time} / {@code decode_time_arr} are the 云网 service's raw timings:
 * kept for existing clients, undocumented; OpenAI clients ignore fields they do not know.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
                             Usage usage, List<Citation> citations, List<String> warnings,
                             @JsonProperty("prefill_time") Double prefillTime,
                             @JsonProperty("decode_time_arr") List<Double> decodeTimeArr) {

    public static final String OBJECT = "chat.completion";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    /** The assistant message; a reasoning model's thinking is in {@code reasoning_content}, never in content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, String content,
                          @JsonProperty("reasoning_content") String reasoningContent, YunragExtension yunrag) {
        public Message(String role, String content, String reasoningContent) {
            this(role, content, reasoningContent, null);
        }
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
                        @JsonProperty("completion_tokens") int completionTokens,
                        @JsonProperty("total_tokens") int totalTokens) {
    }
}
