package dev.yunrag.answer;

import dev.langchain4j.data.message.ChatMessage;
import dev.yunrag.model.ScoredChunk;
import java.util.List;

/**
 * The messages to send to the chat model and the sources they number: {@code sources().get(n - 1)} is source [n].
 * Hand {@link #sources()} to {@link CitationParser} so that the numbers in the reply resolve to the same passages.
 */
public record Prompt(List<ChatMessage> messages, List<ScoredChunk> sources) {

    public Prompt {
        messages = List.copyOf(messages);
        sources = List.copyOf(sources);
    }
}
