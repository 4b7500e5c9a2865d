package dev.yunrag.api.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of an OpenAI {@code POST /v1/chat/completions} body that YunRAG reads. Sampling parameters (temperature,
 * max_tokens, tools ...) are accepted and ignored: the answer model's settings come from the server's catalogue.
 *
 * @param model         {@code yunrag}, {@code yunrag:<collection>} or {@code yunrag:<collection>:<answer model>}
 * @param messages      the conversation, oldest first; the last user message is the question
 * @param stream        true for server-sent {@code chat.completion.chunk} events
 * @param streamOptions accepted for compatibility; usage is always in the last chunk when the model reports it
 * @param yunrag        YunRAG's own request options (null: all defaults), beside OpenAI's fields like the
 *                      {@code yunrag} object of the response
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionRequest(String model, List<Message> messages, Boolean stream,
                                    @JsonProperty("stream_options") StreamOptions streamOptions,
                                    Options yunrag) {

    /** A request without YunRAG's options. */
    public ChatCompletionRequest(String model, List<Message> messages, Boolean stream, StreamOptions streamOptions) {
        this(model, messages, stream, streamOptions, null);
    }

    /**
     * The request's {@code yunrag} object.
     *
     * @param topK passages the answer is given, 1-50, as {@code topK} of {@code /api/ask} (null: the configured
     *             {@code yunrag.retrieval.top-k})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Options(Integer topK) {
    }

    /** The topK this request asks for, or null for the configured one. */
    public Integer topK() {
        return yunrag == null ? null : yunrag.topK();
    }

    /**
     * One message. {@code content} is a string or an array of content parts ({@code {"type":"text","text":...}} and
     * {@code {"type":"image_url","image_url":{"url":"data:image/png;base64,..."}}}); any other part is refused with a
     * 400 that says why, never silently dropped.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, JsonNode content) {

        /** The data URIs of the message's image parts (a remote URL is a 400), in order; empty when none. */
        public List<String> images() {
            List<String> images = new ArrayList<>();
            if (content != null && content.isArray()) {
                for (JsonNode part : content) {
                    if (ContentParts.isImage(part)) {
                        images.add(ContentParts.imageUri(part));
                    }
                }
            }
            return images;
        }

        /** The message's text: the string content, or its text parts joined (image parts are read by {@link #images()}). */
        public String text() {
            if (content == null || content.isNull()) {
                return "";
            }
            if (content.isTextual()) {
                return content.asText();
            }
            if (content.isArray()) {
                StringBuilder text = new StringBuilder();
                for (JsonNode part : content) {
                    if (part.isTextual()) {
                        text.append(part.asText());
                    } else if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                        text.append(part.path("text").asText());
                    } else if (!ContentParts.isImage(part)) {
                        throw ContentParts.unsupported(part);
                    }
                }
                return text.toString();
            }
            throw OpenAiException.invalid("invalid_content",
                    "messages[].content must be a string or an array of content parts.");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    public boolean isStream() {
        return Boolean.TRUE.equals(stream);
    }
}
