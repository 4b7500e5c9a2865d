package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.yunrag.model.ApiTimings;
import dev.yunrag.faults.FaultingYunwang;
import dev.yunrag.faults.FaultingYunwang.Fault;
import dev.yunrag.testing.StreamingRecorder;
import dev.yunrag.yunwang.YunwangException.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault of the 云网 API, injected by the independent {@link FaultingYunwang}, and what our client turns it into:
 * a kind and a message that say what happened, retries only where they help, 429s as back-pressure that never
 * opens the breaker, and a question's deadline that ends waiting in time. What the user then sees is tested in
 * {@code dev.yunrag.e2e.FaultsUserSeesTest}.
 */
class FaultInjectionTest {

    private static final String KEY = "sk-fault-KEY-4711";
    private static final String TIANQING = "TianQing-72B";
    private static final String R1 = "DeepSeek-R1-32B";

    private final FaultingYunwang api = start();

    @AfterEach
    void stop() {
        api.close();
    }

    private static FaultingYunwang start() {
        try {
            return new FaultingYunwang();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private YunwangEndpoint endpoint(String name, String key) {
        return YunwangEndpoint.of(name, api.baseUrl(), key, name.equals("chat") ? AuthScheme.RAW : AuthScheme.BEARER)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(20))
                .withRetries(2, Duration.ofMillis(10))
                .withBreaker(3, Duration.ofSeconds(30));
    }

    private YunwangEmbeddingModel embedding(YunwangHttp http) {
        return new YunwangEmbeddingModel(http, "BAAI/bge-large-zh-v1.5", FaultingYunwang.DIMENSION, 4, "", t -> t);
    }

    private static ChatModelCatalogue catalogue() {
        return new ChatModelCatalogue(Map.of(
                TIANQING, new ChatDefaults(TIANQING, false, 1024, 0.01, 0.95, 1.03, 1.0, null),
                R1, new ChatDefaults(R1, true, 1024, 0.6, 0.95, 1.0, 1.0, null)), TIANQING);
    }

    private static ChatRequest question(String model) {
        return ChatRequest.builder().modelName(model).messages(UserMessage.from("年假有多少天？")).build();
    }

    private static ObjectNode embeddingBody() {
        ObjectNode body = YunwangHttp.JSON.createObjectNode();
        return body.put("model", "BAAI/bge-large-zh-v1.5").put("input", "你好");
    }

    @Test
    void missingKey() {
        api.status(FaultingYunwang.EMBEDDINGS, 401);
        YunwangHttp http = new YunwangHttp(endpoint("embedding", null));

        YunwangException error = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(FaultingYunwang.EMBEDDINGS, embeddingBody()));

        assertThat(http.endpoint().missingKey()).isTrue();
        assertThat(api.received().getFirst().authorization()).isNull();
        assertThat(error.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(error.getMessage()).contains("no key configured for embedding").doesNotContain("key refused");
    }

    @Test
    void unauthorized401() {
        api.status(FaultingYunwang.EMBEDDINGS, 401);
        YunwangHttp http = new YunwangHttp(endpoint("embedding", KEY));

        YunwangException error = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(FaultingYunwang.EMBEDDINGS, embeddingBody()));

        assertThat(error.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(error.getMessage()).contains("key refused (401").doesNotContain("no key configured")
                .doesNotContain(KEY);
        assertThat(api.received()).as("a refused key is not retried").hasSize(1);
        assertThat(api.received().getFirst().authorization()).isEqualTo("Bearer " + KEY);
    }

    @Test
    void burstOf429WithRetryAfter() throws Exception {
        // Eight parallel calls, no retries allowed for faults and a breaker that opens after three: a 1.5 s burst of
        // 429s with Retry-After: 1 must still cost no call, and leave the breaker closed.
        api.retryAfter("1").rateLimitFor(FaultingYunwang.EMBEDDINGS, 1500);
        YunwangHttp http = new YunwangHttp(endpoint("embedding", KEY).withRetries(0, Duration.ofMillis(10))
                .withMaxConcurrency(4));
        YunwangEmbeddingModel model = embedding(http);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = "第" + i + "条";
                calls.add(pool.submit(() -> model.embed(text).content().dimension()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(FaultingYunwang.DIMENSION);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.rateLimitedCount()).as("the burst was felt").isPositive();
        assertThat(http.breakerState()).isEqualTo("CLOSED");
    }

    @Test
    void sustained429() {
        api.retryAfter("1").rateLimitFor(FaultingYunwang.CHAT, 600_000);
        YunwangHttp http = new YunwangHttp(endpoint("chat", KEY));
        YunwangChatModel chat = new YunwangChatModel(http, catalogue(), Duration.ofMillis(2500));

        YunwangException error = catchThrowableOfType(YunwangException.class, () -> chat.chat(question(TIANQING)));

        assertThat(error.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(error.getMessage()).contains("still rate limited").contains("question's deadline");
        assertThat(api.received(FaultingYunwang.CHAT).size()).as("retried beyond max-retries 2, as back-pressure")
                .isGreaterThan(1);
        assertThat(http.breakerState()).as("429s are never counted by the breaker").isEqualTo("CLOSED");
        assertThat(http.concurrencyLimit()).as("the limiter shrank").isLessThan(http.endpoint().maxConcurrency());
    }

    @Test
    void serverError500() {
        api.status(FaultingYunwang.EMBEDDINGS, 500);
        YunwangHttp http = new YunwangHttp(endpoint("embedding", KEY));

        YunwangException error = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(FaultingYunwang.EMBEDDINGS, embeddingBody()));

        assertThat(error.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.getMessage()).contains("HTTP 500").contains("upstream model error");
        assertThat(api.received()).as("one try and two retries").hasSize(3);
        assertThat(http.breakerState()).as("three consecutive failures open it").isEqualTo("OPEN");
    }

    @Test
    void hungEndpoint() {
        api.fault(FaultingYunwang.CHAT, Fault.HANG);
        YunwangHttp http = new YunwangHttp(endpoint("chat", KEY).withTimeouts(Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(300)));
        YunwangChatModel chat = new YunwangChatModel(http, catalogue(), Duration.ofSeconds(1));

        YunwangException first = catchThrowableOfType(YunwangException.class, () -> chat.chat(question(TIANQING)));
        YunwangException next = catchThrowableOfType(YunwangException.class, () -> chat.chat(question(TIANQING)));

        assertThat(first.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(first.getMessage()).contains("question's remaining budget");
        assertThat(api.received(FaultingYunwang.CHAT)).as("no retry once the budget is spent").hasSize(1);
        assertThat(next.kind()).as("one timed-out question opens the breaker: the next user does not wait")
                .isEqualTo(Kind.CIRCUIT_OPEN);
        assertThat(api.received(FaultingYunwang.CHAT)).hasSize(1);
    }

    @Test
    void hungEndpointDuringIngestionKeepsTheLongerBudget() {
        // No question deadline: a timeout is an ordinary failure, retried, and one alone does not open the breaker.
        api.fault(FaultingYunwang.EMBEDDINGS, Fault.HANG);
        YunwangHttp http = new YunwangHttp(endpoint("embedding", KEY).withTimeouts(Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofSeconds(20)).withRetries(1, Duration.ofMillis(10)));

        YunwangException error = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(FaultingYunwang.EMBEDDINGS, embeddingBody()));

        assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(error.getMessage()).contains("first-byte timeout");
        assertThat(api.received()).hasSize(2);
        assertThat(http.breakerState()).isEqualTo("CLOSED");
    }

    @Test
    void slowFirstByte() {
        api.fault(FaultingYunwang.CHAT, Fault.SLOW_FIRST_BYTE).delayMillis(500);
        YunwangChatModel chat = new YunwangChatModel(new YunwangHttp(endpoint("chat", KEY)), catalogue(),
                Duration.ofSeconds(10));

        ChatResponse response = chat.chat(question(TIANQING));

        assertThat(response.aiMessage().text()).contains("[1]");
        assertThat(api.received()).hasSize(1);
    }

    @Test
    void cutStreamInReasoning() throws Exception {
        api.fault(FaultingYunwang.CHAT, Fault.CUT_IN_REASONING);
        Streamed streamed = stream(R1);

        assertThat(streamed.error()).isInstanceOf(YunwangException.class);
        assertThat(((YunwangException) streamed.error()).kind()).isEqualTo(Kind.STREAM_INTERRUPTED);
        assertThat(streamed.thinking()).isNotEmpty();
        assertThat(streamed.answer()).isEmpty();
    }

    @Test
    void cutStreamInAnswer() throws Exception {
        api.fault(FaultingYunwang.CHAT, Fault.CUT_IN_ANSWER);
        Streamed streamed = stream(TIANQING);

        assertThat(((YunwangException) streamed.error()).kind()).isEqualTo(Kind.STREAM_INTERRUPTED);
        assertThat(streamed.error().getMessage()).contains("stream ended before [DONE]");
        assertThat(streamed.answer()).isNotEmpty().isNotEqualTo("根据资料，答案如下[1]。");
    }

    @Test
    void truncatedBody() {
        api.fault(FaultingYunwang.EMBEDDINGS, Fault.TRUNCATED_BODY);
        YunwangHttp http = new YunwangHttp(endpoint("embedding", KEY).withRetries(0, Duration.ofMillis(10)));

        YunwangException error = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(FaultingYunwang.EMBEDDINGS, embeddingBody()));

        assertThat(error.kind()).isEqualTo(Kind.TRUNCATED_RESPONSE);
        assertThat(error.getMessage()).contains("HTTP 200").contains("cut off after its headers")
                .doesNotContain("UNREACHABLE");
    }

    @Test
    void malformedJson() {
        api.fault(FaultingYunwang.CHAT, Fault.MALFORMED_JSON);
        YunwangChatModel chat = new YunwangChatModel(new YunwangHttp(endpoint("chat", KEY)), catalogue());

        YunwangException error = catchThrowableOfType(YunwangException.class, () -> chat.chat(question(TIANQING)));

        assertThat(error.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(error.getMessage()).contains("not valid JSON");
        assertThat(api.received()).as("a malformed answer is not retried").hasSize(1);
    }

    @Test
    void wrongDimension() {
        api.fault(FaultingYunwang.EMBEDDINGS, Fault.WRONG_DIMENSION);
        YunwangEmbeddingModel model = embedding(new YunwangHttp(endpoint("embedding", KEY)));

        YunwangException error = catchThrowableOfType(YunwangException.class, () -> model.embed("你好"));

        assertThat(error.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(error.getMessage()).contains("768").contains("1024");
    }

    @Test
    void finishReasonLength() throws Exception {
        api.fault(FaultingYunwang.CHAT, Fault.FINISH_LENGTH);
        YunwangChatModel chat = new YunwangChatModel(new YunwangHttp(endpoint("chat", KEY)), catalogue());

        ChatResponse response = chat.chat(question(TIANQING));
        Streamed streamed = stream(TIANQING);

        assertThat(response.metadata().finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(streamed.response().metadata().finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void reasoningExhaustedIsRetriedOnceWithTwiceTheTokens() {
        api.fault(FaultingYunwang.CHAT, Fault.REASONING_EXHAUSTED);
        YunwangChatModel chat = new YunwangChatModel(new YunwangHttp(endpoint("chat", KEY)), catalogue());

        ChatResponse response = chat.chat(question(R1));

        assertThat(response.aiMessage().text()).isNotBlank();
        assertThat(api.received(FaultingYunwang.CHAT)).hasSize(2);
        assertThat(api.received(FaultingYunwang.CHAT).get(1).body().path("max_tokens").asInt()).isEqualTo(2048);
    }

    @Test
    void timingsKeepTheirRawValuesAndGainUnits() {
        YunwangChatModel chat = new YunwangChatModel(new YunwangHttp(endpoint("chat", KEY)), catalogue());

        ChatResponse response = chat.chat(question(TIANQING));
        ApiTimings timings = YunwangChatResponseMetadata.of(response).orElseThrow()
                .apiTimings(TimeUnitSetting.SECONDS);

        assertThat(timings.prefillTime()).isEqualTo(FaultingYunwang.PREFILL_TIME);
        assertThat(timings.decodeTimeArr()).isEqualTo(FaultingYunwang.DECODE_TIME_ARR);
        assertThat(timings.timeUnit()).isEqualTo("s");
        assertThat(timings.timeToFirstTokenMs()).isEqualTo(250.0);
        assertThat(timings.generationMs()).isEqualTo(325.0);
        assertThat(timings.decodeTokensPerSecond()).isEqualTo(32.0);
        assertThat(YunwangChatResponseMetadata.of(response).orElseThrow()
                .apiTimings(TimeUnitSetting.MILLISECONDS).timeToFirstTokenMs()).isEqualTo(0.3);
    }

    @Test
    void v1BaseUrl() {
        for (String base : List.of(api.baseUrl(), api.baseUrl() + "/", api.baseUrl() + "/v1", api.baseUrl() + "/v1/")) {
            YunwangHttp http = new YunwangHttp(YunwangEndpoint.of("embedding", base, KEY, AuthScheme.BEARER));
            embedding(http).embed("你好");
        }
        assertThat(api.received()).hasSize(4).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1/embeddings"));
    }

    @Test
    void connectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        YunwangHttp http = new YunwangHttp(YunwangEndpoint.of("embedding", "http://127.0.0.1:" + closedPort, KEY,
                AuthScheme.BEARER).withRetries(0, Duration.ofMillis(10)));

        YunwangException error = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(FaultingYunwang.EMBEDDINGS, embeddingBody()));

        assertThat(error.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(error.getMessage()).contains("connection refused");
    }

    /** What a streamed call delivered: the pieces joined, and the response or the error it ended with. */
    private record Streamed(String thinking, String answer, ChatResponse response, Throwable error) {
    }

    private Streamed stream(String model) throws InterruptedException, ExecutionException {
        YunwangStreamingChatModel chat = new YunwangStreamingChatModel(new YunwangHttp(endpoint("chat", KEY)),
                catalogue());
        StreamingRecorder recorder = new StreamingRecorder();
        chat.chat(question(model), recorder);
        recorder.awaitEnd(30);
        return new Streamed(String.join("", recorder.thinking()), String.join("", recorder.answer()),
                recorder.responseOrNull(), recorder.errorOrNull());
    }
}
