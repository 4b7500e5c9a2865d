package dev.yunrag.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.yunrag.model.Citation;
import java.util.List;

/**
 * A non-streamed OpenAI chat completion. Beyond OpenAI's fields it carries {@code citations} (the sources behind the
 * [n] markers of the content) and {@code warnings}, the same in the message's {@code yunrag} extension (with the
 * warning codes and {@code truncated}), and the 云网 service's raw {@code prefill_time} / {@code decode_time_arr}
 * as it sends them; OpenAI clients ignore fields they do not know.
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
