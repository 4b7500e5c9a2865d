package dev.yunrag.yunwang;

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

    static final String PATH = "/v1/chat/completions";

    private final YunwangHttp http;
    private final ChatModelCatalogue catalogue;

    public YunwangChatModel(YunwangHttp http, ChatModelCatalogue catalogue) {
        this.http = http;
        this.catalogue = catalogue;
    }

    public ChatModelCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatDefaults model = catalogue.resolve(request.modelName());
        return ChatCompletionParser.parse(http.postJson(PATH, ChatRequestMapper.toBody(request, model, false)),
                model, http);
    }
}
