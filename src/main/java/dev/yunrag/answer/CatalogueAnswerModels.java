package dev.yunrag.answer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.List;
import java.util.Optional;

/**
 * Answer models from the configured catalogue, all served by one chat endpoint: the model is chosen per request by
 * its catalogue name ({@code ChatRequest.modelName}). Vision models are not offered for answers.
 */
public class CatalogueAnswerModels implements AnswerModels {

    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final List<String> names;

    public CatalogueAnswerModels(ChatModel chat, StreamingChatModel streaming, List<String> names) {
        this.chat = chat;
        this.streaming = streaming;
        this.names = List.copyOf(names);
    }

    @Override
    public Optional<ChatModel> chat(String name) {
        return names.contains(name) ? Optional.of(chat) : Optional.empty();
    }

    @Override
    public Optional<StreamingChatModel> streaming(String name) {
        return names.contains(name) ? Optional.ofNullable(streaming) : Optional.empty();
    }

    @Override
    public List<String> names() {
        return names;
    }
}
