package dev.yunrag.answer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.List;
import java.util.Optional;

/**
 * The answer models (chat LLMs) the service can use, by catalogue name. Empty when no chat endpoint is configured:
 * answers are then extractive.
 */
public interface AnswerModels {

    AnswerModels NONE = new AnswerModels() {
        @Override
        public Optional<ChatModel> chat(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<StreamingChatModel> streaming(String name) {
            return Optional.empty();
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };

    /** The blocking chat model with this catalogue name, when one is configured. */
    Optional<ChatModel> chat(String name);

    /** The streaming chat model with this catalogue name, when one is configured. */
    Optional<StreamingChatModel> streaming(String name);

    /** Names of the configured answer models (e.g. TianQing-72B, DeepSeek-R1-32B). */
    List<String> names();

    /** Resolves a request's model name or alias (case-insensitive; "deepseek-r1" → DeepSeek-R1-32B). */
    default Optional<String> resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.empty();
        }
        String wanted = requested.strip().toLowerCase();
        for (String name : names()) {
            String lower = name.toLowerCase();
            // An alias is a leading part of the name up to a dash: "deepseek-r1" and "deepseek" name DeepSeek-R1-32B,
            // "d" names nothing.
            if (lower.equals(wanted) || lower.startsWith(wanted + "-")) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
