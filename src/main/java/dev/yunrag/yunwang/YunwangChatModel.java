package dev.yunrag.yunwang;

import java.time.Duration;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Chat models behind {@code POST /v1/chat/completions}, without streaming. The answer is in
 * {@code aiMessage().text()}, a reasoning model's reasoning in {@code aiMessage().thinking()} (never mixed); the
 * metadata is a {@link YunwangChatResponseMetadata} with the server's {@code prefill_time} and
 * {@code decode_time_arr}. The model is the request's {@code modelName} (a catalogue name or remote id), else the
 * catalogue's default.
 */
public class YunwangChatModel implements ChatModel {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(YunwangChatModel.class);
    static final String PATH = "/v1/chat/completions";

    private final YunwangHttp http;
    private final ChatModelCatalogue catalogue;
    private final Duration questionDeadline;

    public YunwangChatModel(YunwangHttp http, ChatModelCatalogue catalogue) {
        this(http, catalogue, null);
    }

    /** @param questionDeadline each call's budget to its first byte (null: the endpoint's own timeouts) */
    public YunwangChatModel(YunwangHttp http, ChatModelCatalogue catalogue, Duration questionDeadline) {
        this.http = http;
        this.catalogue = catalogue;
        this.questionDeadline = questionDeadline;
    }

    public ChatModelCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatDefaults model = catalogue.resolve(request.modelName());
        return questionDeadline == null ? answer(request, model)
                : CallBudget.within(CallBudget.forChat(questionDeadline), () -> answer(request, model));
    }

    /**
     * A reasoning model that spent all of {@code max_tokens} on reasoning returns no answer at all; one retry with
     * twice the budget usually gets the answer (nothing was shown to the user yet, so repeating costs only time).
     */
    private ChatResponse answer(ChatRequest request, ChatDefaults model) {
        ChatResponse response = once(request, model);
        if (!ReasoningBudget.exhausted(response)) {
            return response;
        }
        int larger = 2 * (request.maxOutputTokens() != null ? request.maxOutputTokens()
                : model.maxTokens() != null ? model.maxTokens() : 1024);
        LOG.warnf("%s reasoned until max_tokens without answering; retrying once with max_tokens %d",
                model.remoteModel(), larger);
        return once(request.toBuilder().maxOutputTokens(larger).build(), model);
    }

    private ChatResponse once(ChatRequest request, ChatDefaults model) {
        return ChatCompletionParser.parse(http.postJson(PATH, ChatRequestMapper.toBody(request, model, false)),
                model, http);
    }
}
