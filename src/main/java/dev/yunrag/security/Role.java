package dev.yunrag.security;

/** What a key may do: {@code reader} asks, searches and lists; {@code admin} also uploads and deletes. */
public enum Role {
    READER, ADMIN;

    static Role parse(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "reader" -> READER;
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException("Unknown role '" + text + "': use reader or admin.");
        };
    }
}
