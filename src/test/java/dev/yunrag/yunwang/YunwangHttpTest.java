package dev.yunrag.yunwang;

import static dev.yunrag.yunwang.TestEndpoints.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yunrag.yunwang.YunwangException.Kind;
import dev.yunrag.yunwang.YunwangStub.Fault;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class YunwangHttpTest {

    private final YunwangStub stub = newStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    private static YunwangStub newStub() {
        try {
            return new YunwangStub();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode embeddingBody() {
        ObjectNode body = YunwangHttp.JSON.createObjectNode();
        body.put("model", "BAAI/bge-large-zh-v1.5").put("input", "你好");
        return body;
    }

    @Test
    void bearerSchemeSendsBearerKey() {
        // given
        stub.expectAuthorization("Bearer " + KEY);
        YunwangHttp http = TestEndpoints.http(stub, "embedding", AuthScheme.BEARER);
        // when
        http.postJson(YunwangStub.EMBEDDINGS, embeddingBody());
        // then
        assertThat(stub.last(YunwangStub.EMBEDDINGS).authorization()).isEqualTo("Bearer " + KEY);
    }

    @Test
    void rawSchemeSendsTheBareKeyAsTheDocumentsChatExample() {
        stub.expectAuthorization(KEY);
        YunwangHttp http = TestEndpoints.http(stub, "chat", AuthScheme.RAW);

        http.postJson(YunwangStub.EMBEDDINGS, embeddingBody());

        assertThat(stub.last(YunwangStub.EMBEDDINGS).authorization()).isEqualTo(KEY);
    }

    @Test
    void noneSchemeSendsNoAuthorizationHeader() {
        YunwangHttp http = TestEndpoints.http(stub, "embedding", AuthScheme.NONE);

        http.postJson(YunwangStub.EMBEDDINGS, embeddingBody());

        assertThat(stub.last(YunwangStub.EMBEDDINGS).authorization()).isNull();
    }

    @Test
    void wrongSchemeIsUnauthorizedWithoutRetryAndWithoutTheKeyInTheMessage() {
        // given: the server wants Bearer, the client sends the raw key
        stub.expectAuthorization("Bearer " + KEY);
        YunwangHttp http = TestEndpoints.http(stub, "embedding", AuthScheme.RAW);
        // when
        YunwangException error = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(YunwangStub.EMBEDDINGS, embeddingBody()));
        // then
        assertThat(error.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.endpoint()).isEqualTo("embedding");
        assertThat(error.getMessage()).doesNotContain(KEY).contains("invalid api key");
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void keyEchoedByTheServerIsRedactedFromTheMessage() {
        stub.failNext(YunwangStub.EMBEDDINGS, new Fault.Status(400, null,
                "{\"error\":{\"message\":\"bad key " + KEY + "\"}}"));
        YunwangHttp http = TestEndpoints.http(stub, "embedding", AuthScheme.BEARER);

        YunwangException error = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(YunwangStub.EMBEDDINGS, embeddingBody()));

        assertThat(error.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(error.getMessage()).doesNotContain(KEY).contains("bad key ***");
        assertThat(http.toString()).doesNotContain(KEY);
        assertThat(http.endpoint().toString()).doesNotContain(KEY).contains("key=***");
    }

    @Test
    void rateLimitIsRetriedAfterTheServersRetryAfter() {
        // given
        stub.failNext(YunwangStub.EMBEDDINGS, new Fault.Status(429, "1", "{\"error\":{\"message\":\"busy\"}}"));
        YunwangHttp http = TestEndpoints.http(stub, "embedding", AuthScheme.BEARER);
        long start = System.nanoTime();
        // when
        JsonNode response = http.postJson(YunwangStub.EMBEDDINGS, embeddingBody());
        // then: waited the second the server asked for, although the back-off base is 10 ms
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(response.get("data")).hasSize(1);
        assertThat(stub.received(YunwangStub.EMBEDDINGS)).hasSize(2);
    }

    @Test
    void serverErrorThenSuccessIsRetried() {
        stub.failNext(YunwangStub.EMBEDDINGS, new Fault.Status(500, null, "{\"error\":{\"message\":\"oops\"}}"));
        YunwangHttp http = TestEndpoints.http(stub, "embedding", AuthScheme.BEARER);

        JsonNode response = http.postJson(YunwangStub.EMBEDDINGS, embeddingBody());

        assertThat(response.get("data")).hasSize(1);
        assertThat(stub.received(YunwangStub.EMBEDDINGS)).hasSize(2);
    }

    @Test
    void persistentServerErrorGivesUpAfterMaxRetries() {
        for (int i = 0; i < 3; i++) {
            stub.failNext(YunwangStub.EMBEDDINGS, new Fault.Status(503, null, "down"));
        }
        YunwangHttp http = TestEndpoints.http(stub, "embedding", AuthScheme.BEARER);

        assertThatThrownBy(() -> http.postJson(YunwangStub.EMBEDDINGS, embeddingBody()))
                .isInstanceOfSatisfying(YunwangException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
                    assertThat(e.status()).isEqualTo(503);
                });
        assertThat(stub.received(YunwangStub.EMBEDDINGS)).hasSize(3); // first try + 2 retries
    }

    @Test
    void slowFirstByteIsATimeout() {
        // given: no retries, first byte wanted within 200 ms, server answers after 1.5 s
        stub.failNext(YunwangStub.EMBEDDINGS, new Fault.SlowFirstByte(1500));
        YunwangHttp http = new YunwangHttp(TestEndpoints.endpoint(stub, "embedding", AuthScheme.BEARER)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(5))
                .withRetries(0, Duration.ofMillis(10)));
        // when / then
        assertThatThrownBy(() -> http.postJson(YunwangStub.EMBEDDINGS, embeddingBody()))
                .isInstanceOfSatisfying(YunwangException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void slowFirstByteIsRetriedAndThenSucceeds() {
        stub.failNext(YunwangStub.EMBEDDINGS, new Fault.SlowFirstByte(1000));
        YunwangHttp http = new YunwangHttp(TestEndpoints.endpoint(stub, "embedding", AuthScheme.BEARER)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(5)));

        JsonNode response = http.postJson(YunwangStub.EMBEDDINGS, embeddingBody());

        assertThat(response.get("data")).hasSize(1);
    }

    @Test
    void malformedJsonIsReportedNotRetried() {
        stub.failNext(YunwangStub.EMBEDDINGS, new Fault.MalformedJson());
        YunwangHttp http = TestEndpoints.http(stub, "embedding", AuthScheme.BEARER);

        assertThatThrownBy(() -> http.postJson(YunwangStub.EMBEDDINGS, embeddingBody()))
                .isInstanceOfSatisfying(YunwangException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE));
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void unreachableServerIsUnreachable() {
        // given: a port nobody listens on any more
        String deadUrl = stub.baseUrl();
        stub.close();
        YunwangHttp http = new YunwangHttp(YunwangEndpoint.of("rerank", deadUrl, KEY, AuthScheme.BEARER)
                .withRetries(1, Duration.ofMillis(10)));
        // when / then
        assertThatThrownBy(() -> http.postJson(YunwangStub.RERANK, embeddingBody()))
                .isInstanceOfSatisfying(YunwangException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
    }

    @Test
    void circuitOpensAfterConsecutiveFailuresAndClosesAfterCoolDown() throws InterruptedException {
        // given: a breaker that opens after 3 failures and cools down for 300 ms, no retries
        for (int i = 0; i < 3; i++) {
            stub.failNext(YunwangStub.EMBEDDINGS, new Fault.Status(500, null, "down"));
        }
        YunwangHttp http = new YunwangHttp(TestEndpoints.endpoint(stub, "embedding", AuthScheme.BEARER)
                .withRetries(0, Duration.ofMillis(10))
                .withBreaker(3, Duration.ofMillis(300)));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> http.postJson(YunwangStub.EMBEDDINGS, embeddingBody()))
                    .hasFieldOrPropertyWithValue("kind", Kind.SERVER_ERROR);
        }
        // when: the endpoint is healthy again, but the circuit is open
        YunwangException refused = catchThrowableOfType(YunwangException.class,
                () -> http.postJson(YunwangStub.EMBEDDINGS, embeddingBody()));
        // then: refused locally, without a request
        assertThat(refused.kind()).isEqualTo(Kind.CIRCUIT_OPEN);
        assertThat(stub.received()).hasSize(3);

        // when: the cool-down has passed
        Thread.sleep(350);
        JsonNode response = http.postJson(YunwangStub.EMBEDDINGS, embeddingBody());
        // then: the trial call went through and the circuit is closed again
        assertThat(response.get("data")).hasSize(1);
        http.postJson(YunwangStub.EMBEDDINGS, embeddingBody());
        assertThat(stub.received()).hasSize(5);
    }

    @Test
    void aTrialCallThatEndsBeforeItIsSentDoesNotLeaveTheBreakerHalfOpenForEver() throws Exception {
        // given: a breaker that opened on one failure and has cooled down
        YunwangHttp http = new YunwangHttp(TestEndpoints.endpoint(stub, "chat", AuthScheme.BEARER)
                .withRetries(0, Duration.ofMillis(10))
                .withBreaker(1, Duration.ofMillis(100)));
        stub.failNext(YunwangStub.CHAT, new Fault.Status(500, null, "down"));
        assertThatThrownBy(() -> http.postJson(YunwangStub.CHAT, chatBody()))
                .hasFieldOrPropertyWithValue("kind", Kind.SERVER_ERROR);
        assertThat(http.breakerState()).isEqualTo("OPEN");
        Thread.sleep(150);

        // when: the trial call is admitted but ends while waiting for a connection slot (its thread was interrupted,
        // as when a batch is cancelled; a slot wait that times out ends the same way)
        java.util.concurrent.atomic.AtomicReference<Throwable> trial = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = Thread.ofVirtual().unstarted(() -> {
            Thread.currentThread().interrupt();
            trial.set(catchThrowableOfType(YunwangException.class, () -> http.postJson(YunwangStub.CHAT, chatBody())));
        });
        caller.start();
        caller.join();
        assertThat(trial.get()).hasFieldOrPropertyWithValue("kind", Kind.UNREACHABLE);
        assertThat(stub.received(YunwangStub.CHAT)).hasSize(1);

        // then: the next call is let through as the trial, and its success closes the breaker
        JsonNode response = http.postJson(YunwangStub.CHAT, chatBody());
        assertThat(response.path("choices")).hasSize(1);
        assertThat(http.breakerState()).isEqualTo("CLOSED");
    }

    private static ObjectNode chatBody() {
        ObjectNode body = YunwangHttp.JSON.createObjectNode();
        body.put("model", "TianQing-72B").put("stream", false);
        body.putArray("messages").addObject().put("role", "user").put("content", "你好");
        return body;
    }
}
