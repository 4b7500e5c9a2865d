package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.yunrag.testing.StreamingRecorder;
import dev.yunrag.yunwang.YunwangException.Kind;
import dev.yunrag.yunwang.YunwangStub.Fault;
import java.util.List;
import org.junit.jupiter.api.Test;

class YunwangStreamingChatModelTest extends StubTest {

    private StreamingRecorder stream(String modelName) {
        YunwangStreamingChatModel model = new YunwangStreamingChatModel(
                TestEndpoints.http(stub, "chat", AuthScheme.RAW), YunwangChatModelTest.CATALOGUE);
        StreamingRecorder recorder = new StreamingRecorder();
        model.chat(ChatRequest.builder().modelName(modelName).messages(UserMessage.from("你好")).build(), recorder);
        return recorder;
    }

    @Test
    void deliversDeltasThenTheCompleteResponseAtDone() throws Exception {
        // given
        stub.chatReply(List.of(), List.of("你", "好", "！"));
        // when
        StreamingRecorder recorder = stream(null);
        ChatResponse response = recorder.response(10);
        // then
        assertThat(recorder.answer()).containsExactly("你", "好", "！");
        assertThat(recorder.thinking()).isEmpty();
        assertThat(response.aiMessage().text()).isEqualTo("你好！");
        assertThat(response.aiMessage().thinking()).isNull();
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(15);
        YunwangChatResponseMetadata metadata = YunwangChatResponseMetadata.of(response).orElseThrow();
        assertThat(metadata.prefillTime()).isEqualTo(YunwangStub.PREFILL_TIME);
        assertThat(metadata.decodeTimes()).containsExactlyElementsOf(YunwangStub.DECODE_TIMES);
        JsonNode body = stub.last(YunwangStub.CHAT).json();
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(stub.last(YunwangStub.CHAT).headers().get("Accept")).containsExactly("text/event-stream");
    }

    @Test
    void r1TagsSplitAcrossChunksNeverLeakIntoTheAnswer() throws Exception {
        // given: the tags arrive in pieces
        stub.chatReply(List.of(), List.of("<thi", "nk>\n想一", "想</th", "in", "k>\n\n答", "案是2。"));
        // when
        StreamingRecorder recorder = stream("DeepSeek-R1-32B");
        ChatResponse response = recorder.response(10);
        // then
        assertThat(String.join("", recorder.answer())).isEqualTo("答案是2。");
        assertThat(String.join("", recorder.thinking()).strip()).isEqualTo("想一想");
        assertThat(recorder.answer()).noneMatch(delta -> delta.contains("<") || delta.contains(">"));
        assertThat(recorder.thinking()).noneMatch(delta -> delta.contains("<") || delta.contains(">"));
        assertThat(response.aiMessage().text()).isEqualTo("答案是2。");
        assertThat(response.aiMessage().thinking()).isEqualTo("想一想");
    }

    @Test
    void r1WithoutOpeningTagStreamsReasoningAsThinking() throws Exception {
        stub.chatReply(List.of(), List.of("想一", "想", "</think>", "答案", "是2。"));

        StreamingRecorder recorder = stream("DeepSeek-R1-32B");
        ChatResponse response = recorder.response(10);

        assertThat(recorder.thinking()).containsExactly("想一", "想");
        assertThat(recorder.answer()).containsExactly("答案", "是2。");
        assertThat(response.aiMessage().thinking()).isEqualTo("想一想");
        assertThat(response.aiMessage().text()).isEqualTo("答案是2。");
    }

    @Test
    void r1ReasoningContentDeltasAreThinking() throws Exception {
        stub.chatReply(List.of("想一", "想"), List.of("答案", "是2。"));

        StreamingRecorder recorder = stream("DeepSeek-R1-32B");
        ChatResponse response = recorder.response(10);

        assertThat(recorder.thinking()).containsExactly("想一", "想");
        assertThat(recorder.answer()).containsExactly("答案", "是2。");
        assertThat(response.aiMessage().thinking()).isEqualTo("想一想");
        assertThat(response.aiMessage().text()).isEqualTo("答案是2。");
    }

    @Test
    void streamCutBeforeDoneIsAnErrorAndIsNotRetried() throws Exception {
        // given: the connection ends after two chunks
        stub.chatReply(List.of(), List.of("一", "二", "三"));
        stub.failNext(YunwangStub.CHAT, new Fault.CutStream(2));
        // when
        StreamingRecorder recorder = stream(null);
        Throwable error = recorder.error(10);
        // then
        assertThat(error).isInstanceOfSatisfying(YunwangException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.STREAM_INTERRUPTED);
            assertThat(e.getMessage()).contains("[DONE]");
        });
        assertThat(recorder.answer()).containsExactly("一", "二");
        assertThat(stub.received(YunwangStub.CHAT)).hasSize(1);
    }

    @Test
    void streamThatStallsBeyondTheTotalTimeoutIsATimeout() throws Exception {
        // given: one chunk, then silence for 3 s; the whole stream may take 600 ms
        stub.chatReply(List.of(), List.of("一", "二"));
        stub.failNext(YunwangStub.CHAT, new Fault.StallStream(1, 3000));
        YunwangStreamingChatModel model = new YunwangStreamingChatModel(new YunwangHttp(
                TestEndpoints.endpoint(stub, "chat", AuthScheme.RAW).withTimeouts(
                        java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofMillis(600))), YunwangChatModelTest.CATALOGUE);
        StreamingRecorder recorder = new StreamingRecorder();
        // when
        model.chat(ChatRequest.builder().messages(UserMessage.from("你好")).build(), recorder);
        // then
        assertThat(recorder.error(10)).isInstanceOfSatisfying(YunwangException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(recorder.answer()).containsExactly("一");
        assertThat(stub.received(YunwangStub.CHAT)).hasSize(1);
    }

    @Test
    void failureBeforeTheFirstByteIsRetried() throws Exception {
        stub.failNext(YunwangStub.CHAT, new Fault.Status(503, null, "{\"error\":{\"message\":\"warming up\"}}"));
        stub.chatReply("好");

        StreamingRecorder recorder = stream(null);

        assertThat(recorder.response(10).aiMessage().text()).isEqualTo("好");
        assertThat(recorder.answer()).containsExactly("好");
        assertThat(stub.received(YunwangStub.CHAT)).hasSize(2);
    }

    @Test
    void unauthorizedStreamIsAnErrorWithoutTheKey() throws Exception {
        stub.expectAuthorization("Bearer " + TestEndpoints.KEY);

        Throwable error = stream(null).error(10);

        assertThat(error).isInstanceOfSatisfying(YunwangException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(e.getMessage()).doesNotContain(TestEndpoints.KEY);
        });
    }
}
