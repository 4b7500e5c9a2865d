package dev.yunrag.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.yunrag.model.Citation;
import java.util.List;

/**
 * One {@code chat.completion.chunk} of a streamed completion. The last chunk (finish_reason {@code stop}, or
 * {@code length} when the answer was cut off) also carries the {@code yunrag} extension on its delta and
 * {@code usage}; like {@link ChatCompletion}, it repeats {@code citations} / {@code warnings} at the top level and the
 * raw {@code prefill_time} / {@code decode_time_arr} (undocumented, kept for existing clients).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
                                  ChatCompletion.Usage usage, List<Citation> citations, List<String> warnings,
                                  @JsonProperty("prefill_time") Double prefillTime,
                                  @JsonProperty("decode_time_arr") List<Double> decodeTimeArr) {

    public static final String OBJECT = "chat.completion.chunk";

    /** {@code finish_reason} is null until the last chunk, and then explicitly present. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content, @JsonProperty("reasoning_content") String reasoningContent,
                        YunragExtension yunrag) {

        public Delta(String role, String content, String reasoningContent) {
            this(role, content, reasoningContent, null);
        }
    }
}
