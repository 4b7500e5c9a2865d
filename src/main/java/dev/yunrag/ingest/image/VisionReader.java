package dev.yunrag.ingest.image;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.Base64;

/**
 * Qwen2-VL-7B through the 云网 API's {@code /v1/chat/completions}: one user message with the prompt and the image as
 * an OpenAI-style {@code image_url} part holding a base64 data URI (the service cannot fetch our files). It
 * transcribes the text in the image and describes charts, tables and photos, in the language of the image's text.
 */
public final class VisionReader {

    public static final String DEFAULT_MODEL = "Qwen2-VL-7B";

    /** Asks for a transcription first (searchable, quotable) and then a description of what a figure shows. */
    public static final String PROMPT = "请读取这张图片。先逐字转录图中的全部文字，保持原文的语言和顺序；"
            + "如果图中有图表、表格、照片或示意图，再用图中文字所用的语言简要描述它表达的内容（数据、趋势、结论）。"
            + "只输出转录和描述，不要加任何其他说明。";

    private final ChatModel chat;
    private final String model;

    public VisionReader(ChatModel chat, String model) {
        this.chat = chat;
        this.model = model;
    }

    public String model() {
        return model;
    }

    /** What the model reads and sees in {@code image}; throws whatever the API client throws when it fails. */
    public String read(byte[] image, String contentType) {
        String base64 = Base64.getEncoder().encodeToString(image);
        ChatRequest request = ChatRequest.builder().modelName(model)
                .messages(UserMessage.from(TextContent.from(PROMPT), ImageContent.from(base64, contentType)))
                .build();
        String text = chat.chat(request).aiMessage().text();
        return text == null ? "" : text.strip();
    }
}
