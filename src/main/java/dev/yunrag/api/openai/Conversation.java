package dev.yunrag.api.openai;

import dev.yunrag.answer.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI message list read as a question with history: the last message must be the user's and is the question;
 * earlier user and assistant messages are the history. System and tool messages are dropped: the answer prompt is
 * the server's, so that every claim stays grounded in cited sources.
 *
 * @param question the last user message
 * @param images   the data URIs of the last user message's image parts
 * @param history  earlier user/assistant turns, oldest first (at most {@link #MAX_HISTORY})
 */
public record Conversation(String question, List<Turn> history, List<String> images) {

    /** Most history turns kept; older ones only cost tokens. */
    static final int MAX_HISTORY = 20;

    public static Conversation of(List<ChatCompletionRequest.Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw OpenAiException.invalid("invalid_messages", "messages must hold at least one user message.");
        }
        ChatCompletionRequest.Message last = messages.getLast();
        if (last == null || !Turn.USER.equals(last.role())) {
            throw OpenAiException.invalid("invalid_messages",
                    "The last message must be the user's question (role 'user').");
        }
        List<Turn> history = new ArrayList<>();
        for (ChatCompletionRequest.Message message : messages.subList(0, messages.size() - 1)) {
            if (message != null && (Turn.USER.equals(message.role()) || Turn.ASSISTANT.equals(message.role()))) {
                history.add(new Turn(message.role(), message.text()));
            }
        }
        if (history.size() > MAX_HISTORY) {
            history = history.subList(history.size() - MAX_HISTORY, history.size());
        }
        // Only the question's images are read: a client resending earlier images on a follow-up asks about this one.
        return new Conversation(last.text(), List.copyOf(history), last.images());
    }
}
