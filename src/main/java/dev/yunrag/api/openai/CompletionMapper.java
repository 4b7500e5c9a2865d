package dev.yunrag.api.openai;

import dev.yunrag.model.ApiTimings;
import dev.yunrag.answer.Answer;
import dev.yunrag.embed.TokenCounter;
import java.util.List;
import java.util.UUID;

/** Turns YunRAG answers into OpenAI completion objects and chunks for one response (one id, one timestamp). */
public class CompletionMapper {

    static final String ROLE = "assistant";
    static final String STOP = "stop";

    private final String id;
    private final long created;
    private final String model;
    private final String question;
    private final TokenCounter tokens;

    public CompletionMapper(String model) {
        this(model, null, null);
    }

    /**
     * @param question the question as asked, counted into usage's prompt tokens when the model reports no usage
     * @param tokens   the collection's token counter for that count; null leaves usage out when not reported
     */
    public CompletionMapper(String model, String question, TokenCounter tokens) {
        this("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), System.currentTimeMillis() / 1000, model,
                question, tokens);
    }

    CompletionMapper(String id, long created, String model) {
        this(id, created, model, null, null);
    }

    CompletionMapper(String id, long created, String model, String question, TokenCounter tokens) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.question = question;
        this.tokens = tokens;
    }

    public ChatCompletion completion(Answer answer) {
        var message = new ChatCompletion.Message(ROLE, answer.answer(), blankToNull(answer.reasoning()),
                YunragExtension.of(answer));
        ApiTimings api = answer.apiTimings();
        return new ChatCompletion(id, ChatCompletion.OBJECT, created, model,
                List.of(new ChatCompletion.Choice(0, message, YunragExtension.finishReason(answer))),
                usage(answer), answer.citations(), warnings(answer),
                api == null ? null : api.prefillTime(), api == null ? null : api.decodeTimeArr());
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
     * The last chunk: a delta holding only the yunrag extension, finish_reason stop, and usage (sent
     * whether or not {@code stream_options.include_usage} asked for it: clients ignore what they do not expect).
     */
    public ChatCompletionChunk finalChunk(Answer answer) {
        var choice = new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta(null, null, null,
                YunragExtension.of(answer)), YunragExtension.finishReason(answer));
        ApiTimings api = answer.apiTimings();
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model, List.of(choice),
                usage(answer), answer.citations(), warnings(answer),
                api == null ? null : api.prefillTime(), api == null ? null : api.decodeTimeArr());
    }

    private ChatCompletionChunk chunk(ChatCompletionChunk.Delta delta) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model,
                List.of(new ChatCompletionChunk.Choice(0, delta, null)), null, null, null, null, null);
    }

    /** OpenAI usage: the model's counts, else counted with the tokenizer ({@link TokenUsage}). */
    private ChatCompletion.Usage usage(Answer answer) {
        String asked = answer.standaloneQuestion() != null ? answer.standaloneQuestion() : question;
        return TokenUsage.of(answer, asked, tokens);
    }

    private static List<String> warnings(Answer answer) {
        return answer.warnings() == null || answer.warnings().isEmpty() ? null : List.copyOf(answer.warnings());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
