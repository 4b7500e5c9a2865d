package dev.yunrag.answer;

import java.util.Objects;

/**
 * One message of a conversation as the client sends it. A tiny record rather than LangChain4j's {@code ChatMessage}
 * because history arrives as JSON {@code {role, content}} and is only ever read as text here.
 *
 * @param role    {@code user} or {@code assistant} (other roles are kept but ignored by the follow-up rules)
 * @param content the message text
 */
public record Turn(String role, String content) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public Turn {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
    }

    public static Turn user(String content) {
        return new Turn(USER, content);
    }

    public static Turn assistant(String content) {
        return new Turn(ASSISTANT, content);
    }

    public boolean isUser() {
        return USER.equalsIgnoreCase(role);
    }
}
