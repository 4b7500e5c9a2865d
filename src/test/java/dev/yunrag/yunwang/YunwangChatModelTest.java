package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YunwangChatModelTest extends StubTest {

    static final ChatDefaults TIANQING = new ChatDefaults("TianQing-72B", false, 100, 0.01, 0.95, 1.03, 1.0, null);
    static final ChatDefaults R1 = new ChatDefaults("DeepSeek-R1-32B", true, 2048, 0.6, 0.95, 1.0, 0.0, 42L);
    static final ChatModelCatalogue CATALOGUE = new ChatModelCatalogue(
            Map.of("TianQing-72B", TIANQING, "DeepSeek-R1-32B", R1), "TianQing-72B");

    private YunwangChatModel model() {
        return new YunwangChatModel(TestEndpoints.http(stub, "chat", AuthScheme.RAW), CATALOGUE);
    }

    private static ChatRequest ask(String modelName) {
        return ChatRequest.builder().modelName(modelName)
                .messages(SystemMessage.from("你是一个智能助手。"), UserMessage.from("你好")).build();
    }

    @Test
    void sendsEveryDocumentedFieldWithTheModelsDefaults() {
        // when
        model().chat(ask(null));
        // then
        JsonNode body = stub.last(YunwangStub.CHAT).json();
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("model", "messages", "max_tokens",
                "presence_penalty", "frequency_penalty", "seed", "temperature", "top_p", "stream");
        assertThat(body.get("model").asText()).isEqualTo("TianQing-72B");
        assertThat(body.get("messages").toString())
                .isEqualTo("[{\"role\":\"system\",\"content\":\"你是一个智能助手。\"},{\"role\":\"user\",\"content\":\"你好\"}]");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.get("presence_penalty").asDouble()).isEqualTo(1.03);
        assertThat(body.get("frequency_penalty").asDouble()).isEqualTo(1.0);
        assertThat(body.get("seed").isNull()).isTrue();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.01);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.95);
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(stub.last(YunwangStub.CHAT).authorization()).isEqualTo(TestEndpoints.KEY);
    }

    @Test
    void requestParametersOverrideTheDefaults() {
        ChatRequest request = ChatRequest.builder().modelName("DeepSeek-R1-32B").messages(UserMessage.from("1+1?"))
                .maxOutputTokens(7).temperature(0.3).topP(0.5).presencePenalty(0.1).frequencyPenalty(0.2).build();

        model().chat(request);

        JsonNode body = stub.last(YunwangStub.CHAT).json();
        assertThat(body.get("model").asText()).isEqualTo("DeepSeek-R1-32B");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(7);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.5);
        assertThat(body.get("presence_penalty").asDouble()).isEqualTo(0.1);
        assertThat(body.get("frequency_penalty").asDouble()).isEqualTo(0.2);
        assertThat(body.get("seed").asLong()).isEqualTo(42L);
    }

    @Test
    void imagesAreSentAsOpenAiContentParts() {
        ChatRequest request = ChatRequest.builder().modelName("Qwen2-VL-7B").messages(UserMessage.from(
                TextContent.from("图里是什么？"), ImageContent.from("http://example.invalid/a.png"))).build();

        model().chat(request);

        assertThat(stub.last(YunwangStub.CHAT).json().at("/messages/0/content").toString()).isEqualTo(
                "[{\"type\":\"text\",\"text\":\"图里是什么？\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://example.invalid/a.png\"}}]");
        assertThat(stub.last(YunwangStub.CHAT).json().get("model").asText()).isEqualTo("Qwen2-VL-7B");
    }

    @Test
    void keepsUsageAndTheServersTimings() {
        stub.chatReply("你好！有什么可以帮你？");

        ChatResponse response = model().chat(ask(null));

        assertThat(response.aiMessage().text()).isEqualTo("你好！有什么可以帮你？");
        assertThat(response.aiMessage().thinking()).isNull();
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(12);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(15);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.id()).isEqualTo("chatcmpl-1");
        YunwangChatResponseMetadata metadata = YunwangChatResponseMetadata.of(response).orElseThrow();
        assertThat(metadata.prefillTime()).isEqualTo(YunwangStub.PREFILL_TIME);
        assertThat(metadata.decodeTimes()).containsExactlyElementsOf(YunwangStub.DECODE_TIMES);
    }

    @Test
    void r1InlineThinkIsSeparatedFromTheAnswer() {
        stub.chatReply("<think>\n用户问1+1。\n</think>\n\n答案是2。");

        ChatResponse response = model().chat(ask("DeepSeek-R1-32B"));

        assertThat(response.aiMessage().text()).isEqualTo("答案是2。");
        assertThat(response.aiMessage().thinking()).isEqualTo("用户问1+1。");
    }

    @Test
    void r1WithoutOpeningTagIsSeparatedFromTheAnswer() {
        stub.chatReply("用户问1+1。\n</think>\n\n答案是2。");

        ChatResponse response = model().chat(ask("DeepSeek-R1-32B"));

        assertThat(response.aiMessage().text()).isEqualTo("答案是2。");
        assertThat(response.aiMessage().thinking()).isEqualTo("用户问1+1。");
    }

    @Test
    void r1ReasoningContentFieldIsTheThinking() {
        stub.chatReply(List.of("用户问1+1。"), List.of("答案是2。"));

        ChatResponse response = model().chat(ask("DeepSeek-R1-32B"));

        assertThat(response.aiMessage().text()).isEqualTo("答案是2。");
        assertThat(response.aiMessage().thinking()).isEqualTo("用户问1+1。");
    }

    @Test
    void r1CutOffWhileThinkingHasNoAnswer() {
        // given: max_tokens ran out before </think>
        stub.chatReply("用户问1+1。我需要");

        ChatResponse response = model().chat(ask("DeepSeek-R1-32B"));

        assertThat(response.aiMessage().text()).isEmpty();
        assertThat(response.aiMessage().thinking()).isEqualTo("用户问1+1。我需要");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }
}
