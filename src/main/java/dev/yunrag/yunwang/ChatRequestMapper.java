package dev.yunrag.yunwang;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.chat.request.ChatRequest;

/**
 * Turns a LangChain4j {@link ChatRequest} into the body of {@code /v1/chat/completions}. Every field of the document's
 * example is always sent: the request's own parameters win, the model's configured defaults fill the rest.
 */
final class ChatRequestMapper {

    private ChatRequestMapper() {
    }

    static ObjectNode toBody(ChatRequest request, ChatDefaults defaults, boolean stream) {
        if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) {
            throw new IllegalArgumentException("The 云网 chat endpoint does not document tool calls");
        }
        ObjectNode body = YunwangHttp.JSON.createObjectNode();
        body.put("model", defaults.remoteModel());
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(message -> messages.add(toJson(message)));
        body.put("max_tokens", first(request.maxOutputTokens(), defaults.maxTokens()));
        body.put("presence_penalty", first(request.presencePenalty(), defaults.presencePenalty()));
        body.put("frequency_penalty", first(request.frequencyPenalty(), defaults.frequencyPenalty()));
        body.put("seed", defaults.seed());
        body.put("temperature", first(request.temperature(), defaults.temperature()));
        body.put("top_p", first(request.topP(), defaults.topP()));
        body.put("stream", stream);
        if (request.stopSequences() != null && !request.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stopSequences().forEach(stop::add);
        }
        return body;
    }

    private static <T> T first(T fromRequest, T fromDefaults) {
        return fromRequest != null ? fromRequest : fromDefaults;
    }

    private static ObjectNode toJson(ChatMessage message) {
        ObjectNode json = YunwangHttp.JSON.createObjectNode();
        switch (message) {
            case SystemMessage system -> json.put("role", "system").put("content", system.text());
            case AiMessage ai -> json.put("role", "assistant").put("content", ai.text() == null ? "" : ai.text());
            case UserMessage user -> {
                json.put("role", "user");
                if (user.hasSingleText()) {
                    json.put("content", user.singleText());
                } else {
                    ArrayNode parts = json.putArray("content");
                    user.contents().forEach(content -> parts.add(toPart(content)));
                }
            }
            default -> throw new IllegalArgumentException("Unsupported message type for the 云网 chat endpoint: "
                    + message.type());
        }
        return json;
    }

    /** OpenAI-style content parts, which Qwen2-VL deployments accept for images. */
    private static ObjectNode toPart(Content content) {
        ObjectNode part = YunwangHttp.JSON.createObjectNode();
        switch (content) {
            case TextContent text -> part.put("type", "text").put("text", text.text());
            case ImageContent image -> part.put("type", "image_url").putObject("image_url")
                    .put("url", imageUrl(image.image()));
            default -> throw new IllegalArgumentException("Unsupported content type: " + content.type());
        }
        return part;
    }

    private static String imageUrl(Image image) {
        if (image.url() != null) {
            return image.url().toString();
        }
        String mime = image.mimeType() == null ? "image/png" : image.mimeType();
        return "data:" + mime + ";base64," + image.base64Data();
    }
}
