package dev.yunrag.yunwang;

import java.util.Locale;
import java.util.Optional;

/**
 * How the API key is sent. The 云网 document shows both styles: the chat example sends the bare key, the embedding and
 * rerank examples send {@code Bearer sk-...}.
 */
public enum AuthScheme {
    /** {@code Authorization: Bearer KEY}. */
    BEARER,
    /** {@code Authorization: KEY}, as in the document's chat example. */
    RAW,
    /** No Authorization header. */
    NONE;

    /** The Authorization header value, or empty when nothing should be sent (scheme none, or no key). */
    public Optional<String> headerValue(String apiKey) {
        if (this == NONE || apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(this == BEARER ? "Bearer " + apiKey : apiKey);
    }

    /** Parses {@code bearer}, {@code raw} or {@code none}, naming the accepted values when it fails. */
    public static AuthScheme parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown auth scheme '" + value + "': use bearer, raw or none");
        }
    }
}
