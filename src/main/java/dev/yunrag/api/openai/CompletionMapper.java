package dev.yunrag.api.openai;

import dev.yunrag.answer.Answer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns YunRAG answers into OpenAI completion objects and chunks for one response (one id, one timestamp). */
public class CompletionMapper {

    static final String ROLE = "assistant";
    static final String STOP = "stop";

    private final String id;
    private final long created;
    private final String model;

    public CompletionMapper(String model) {
        this("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), System.currentTimeMillis() / 1000, model);
    }

    CompletionMapper(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    public ChatCompletion completion(Answer answer) {
        var message = new ChatCompletion.Message(ROLE, answer.answer(), blankToNull(answer.reasoning()),
                YunragExtension.of(answer));
        return new ChatCompletion(id, ChatCompletion.OBJECT, created, model,
                List.of(new ChatCompletion.Choice(0, message, STOP)), usage(answer.usage()), answer.citations(),
                warnings(answer));
    }

    /** The first chunk: the role, with empty content, as OpenAI sends it. */
    public ChatCompletionChunk roleChunk() {
        return chunk(new ChatCompletionChunk.Delta(ROLE, "", null));
    }

    public ChatCompletionChunk contentChunk(String text) {
        return chunk(new ChatCompletionChunk.Delta(null, text, null));
    }

    public ChatCompletionChunk reasoningChunk(String text) {
        return chunk(new ChatCompletionChunk.Delta(null, null, text));
    }

    /**
     * The last chunk: empty delta, finish_reason stop, the citations, and usage when the model reported it (sent
     * whether or not {@code stream_options.include_usage} asked for it: clients ignore what they do not expect).
     */
    public ChatCompletionChunk finalChunk(Answer answer) {
        var choice = new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta(null, null, null,
                YunragExtension.of(answer)), STOP);
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model, List.of(choice),
                usage(answer.usage()), answer.citations(), warnings(answer));
    }

    private ChatCompletionChunk chunk(ChatCompletionChunk.Delta delta) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model,
                List.of(new ChatCompletionChunk.Choice(0, delta, null)), null, null, null);
    }

    /** OpenAI usage when the answer model reported token counts; null for extractive answers. */
    static ChatCompletion.Usage usage(Map<String, Integer> usage) {
        if (usage == null || usage.isEmpty()) {
            return null;
        }
        int prompt = usage.getOrDefault("promptTokens", 0);
        int completion = usage.getOrDefault("completionTokens", 0);
        return new ChatCompletion.Usage(prompt, completion, usage.getOrDefault("totalTokens", prompt + completion));
    }

    private static List<String> warnings(Answer answer) {
        return answer.warnings() == null || answer.warnings().isEmpty() ? null : List.copyOf(answer.warnings());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
