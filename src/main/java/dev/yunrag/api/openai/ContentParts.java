package dev.yunrag.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The parts of an OpenAI message's content other than text: image parts ({@code image_url}, {@code input_image})
 * carry the image as a data URI, read with the question; a remote URL is refused (the service fetches nothing a
 * request names), and any other part is refused with a 400 that says why, never silently dropped.
 */
final class ContentParts {

    private ContentParts() {
    }

    static boolean isImage(JsonNode part) {
        String type = part.path("type").asText("");
        return "image_url".equals(type) || "input_image".equals(type);
    }

    /** The data URI of an image part; a 400 for a remote URL or a part without one. */
    static String imageUri(JsonNode part) {
        JsonNode image = part.path("image_url");
        String url = image.isTextual() ? image.asText() : image.path("url").asText(null);
        if (url == null || url.isBlank()) {
            throw OpenAiException.invalid("invalid_image", "An image part has no image_url.url: send the image as a"
                    + " data URI (data:image/png;base64,...).");
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw OpenAiException.invalid("image_url_not_supported", "An image part names a remote URL; YunRAG never"
                    + " fetches URLs from a request. Send the image itself as a data URI (data:image/png;base64,...).");
        }
        return url;
    }

    static OpenAiException unsupported(JsonNode part) {
        String type = part.path("type").asText("");
        return OpenAiException.invalid("unsupported_content_part", "messages[].content has a part of type '"
                + type + "'; only text and image_url parts are accepted.");
    }
}
