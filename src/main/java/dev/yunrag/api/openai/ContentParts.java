package dev.yunrag.api.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Why a content part other than text is refused by {@code /v1/chat/completions}. */
final class ContentParts {

    private ContentParts() {
    }

    static OpenAiException unsupported(JsonNode part) {
        String type = part.path("type").asText("");
        if ("image_url".equals(type) || "image".equals(type) || "input_image".equals(type)) {
            return OpenAiException.invalid("image_not_supported", "messages[].content has an image part ("
                    + type + "): YunRAG answers from the indexed documents and does not read images sent in a "
                    + "question. Send the question as text; to ask about an image, ingest it as a document.");
        }
        return OpenAiException.invalid("unsupported_content_part", "messages[].content has a part of type '"
                + type + "'; only text parts are accepted.");
    }
}
