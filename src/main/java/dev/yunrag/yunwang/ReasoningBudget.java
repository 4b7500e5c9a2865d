package dev.yunrag.yunwang;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

/** Recognises a reply whose whole {@code max_tokens} went into reasoning, leaving no answer. */
public final class ReasoningBudget {

    private ReasoningBudget() {
    }

    public static boolean exhausted(ChatResponse response) {
        if (response == null || response.aiMessage() == null) {
            return false;
        }
        String text = response.aiMessage().text();
        String thinking = response.aiMessage().thinking();
        return (text == null || text.isBlank()) && thinking != null && !thinking.isBlank()
                && response.metadata() != null && response.metadata().finishReason() == FinishReason.LENGTH;
    }
}
