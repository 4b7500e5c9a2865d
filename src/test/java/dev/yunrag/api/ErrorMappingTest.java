package dev.yunrag.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.answer.InvalidQuestionException;
import dev.yunrag.answer.UnknownModelException;
import dev.yunrag.api.openai.OpenAiException;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.IndexUnavailableException;
import dev.yunrag.retrieve.UnknownCollectionException;
import dev.yunrag.security.AccessDeniedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one mapping from what went wrong to a stable error, and its two renderers, without a server: the status, code
 * and headers of each exception on {@code /api} and on {@code /v1}, and the body each renderer makes of it.
 */
class ErrorMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameExceptionHasTheSameStatusCodeAndHeadersOnBothPathFamilies() {
        record Row(RuntimeException error, int status, String code) {
        }
        for (Row row : new Row[] {
                new Row(new InvalidQuestionException("empty"), 400, "invalid_question"),
                new Row(new NotFoundException("unknown_document", "no such document"), 404, "unknown_document"),
                new Row(new CollectionLockedException("busy", null), 409, "collection_busy"),
                new Row(new IndexUnavailableException("SolrCloud did not answer", new java.net.ConnectException()),
                        503, "index_unavailable"),
                new Row(AccessDeniedException.unauthorized("a key"), 401, "unauthorized"),
                new Row(AccessDeniedException.forbidden("not yours"), 403, "forbidden"),
                new Row(new TooManyRequestsException("key 2", 7), 429, "rate_limited"),
                new Row(new PayloadTooLargeException("JSON body", 9, 8, "yunrag.security.max-json-bytes"), 413,
                        "payload_too_large"),
                new Row(new IllegalArgumentException("topK must be positive"), 400, "invalid_request"),
                new Row(new IllegalStateException("a bug"), 500, "internal_error")}) {
            HttpError api = ErrorMapping.of(row.error(), "POST", "/api/ask");
            HttpError v1 = ErrorMapping.of(row.error(), "POST", "/v1/chat/completions");
            assertThat(api.status()).as(row.code()).isEqualTo(row.status());
            assertThat(api.code()).isEqualTo(row.code());
            assertThat(v1).as(row.code()).isEqualTo(api);
        }
    }

    @Test
    void refusalsCarryTheHeadersTheirStatusCallsFor() {
        assertThat(ErrorMapping.of(AccessDeniedException.unauthorized("a key"), "GET", "/v1/models").headers())
                .isEqualTo(Map.of("WWW-Authenticate", "Bearer realm=\"yunrag\""));
        assertThat(ErrorMapping.of(AccessDeniedException.forbidden("no"), "GET", "/api/status").headers()).isEmpty();
        assertThat(ErrorMapping.of(new TooManyRequestsException("key 2", 7), "GET", "/api/status").headers())
                .isEqualTo(Map.of("Retry-After", "7"));
        assertThat(ErrorMapping.of(new NotAllowedException("GET"), "GET", "/v1/chat/completions").headers())
                .isEqualTo(Map.of("Allow", "POST"));
    }

    @Test
    void onV1OpenAisVocabularyNamesUnknownModelsAndPaths() {
        assertThat(ErrorMapping.of(new UnknownModelException("qwen9", java.util.List.of("extractive")), "POST", "/api/ask"))
                .extracting(HttpError::status, HttpError::code).containsExactly(400, "unknown_model");
        assertThat(ErrorMapping.of(new UnknownModelException("qwen9", java.util.List.of("extractive")), "POST", "/v1/chat/completions"))
                .extracting(HttpError::status, HttpError::code).containsExactly(404, "model_not_found");
        assertThat(ErrorMapping.of(new UnknownCollectionException("hr"), "POST", "/api/search"))
                .extracting(HttpError::status, HttpError::code).containsExactly(404, "unknown_collection");
        assertThat(ErrorMapping.of(new UnknownCollectionException("hr"), "POST", "/v1/chat/completions"))
                .extracting(HttpError::status, HttpError::code).containsExactly(404, "model_not_found");
        assertThat(ErrorMapping.of(new jakarta.ws.rs.NotFoundException(), "GET", "/api/nothing"))
                .extracting(HttpError::status, HttpError::code).containsExactly(404, "not_found");
        HttpError unknownUrl = ErrorMapping.of(new jakarta.ws.rs.NotFoundException(), "POST", "/v1/embeddings");
        assertThat(unknownUrl.code()).isEqualTo("unknown_url");
        assertThat(unknownUrl.message()).contains("POST /v1/embeddings", "/v1/chat/completions");
        assertThat(ErrorMapping.of(new NotSupportedException(), "POST", "/api/ask").code())
                .isEqualTo("unsupported_media_type");
        assertThat(ErrorMapping.of(new NotSupportedException(), "POST", "/v1/chat/completions").code())
                .isEqualTo("http_415");
        assertThat(ErrorMapping.of(OpenAiException.invalid("invalid_messages", "no user message"), "POST",
                "/v1/chat/completions")).extracting(HttpError::status, HttpError::code)
                .containsExactly(400, "invalid_messages");
    }

    @Test
    void badInputIsNeverA500() throws Exception {
        Exception syntax = null;
        try {
            new ObjectMapper().readValue("{\"question\": ", Map.class);
        } catch (IOException e) {
            syntax = e;
        }
        assertThat(ErrorMapping.of(syntax, "POST", "/api/ask"))
                .extracting(HttpError::status, HttpError::code).containsExactly(400, "invalid_json");
        assertThat(ErrorMapping.of(new IOException("Unexpected end of multipart body"), "POST", "/api/x"))
                .extracting(HttpError::status, HttpError::code).containsExactly(400, "invalid_multipart");
        assertThat(ErrorMapping.of(new IOException("disk full"), "POST", "/api/x").status()).isEqualTo(500);
    }

    @Test
    void problemJsonRendersRfc9457WithTheStableCode() throws Exception {
        HttpError error = ErrorMapping.of(new TooManyRequestsException("key 2", 7), "GET", "/api/status");
        RenderedError rendered = ErrorRenderer.forPath("/api/status").render(error);
        assertThat(rendered.status()).isEqualTo(429);
        assertThat(rendered.mediaType()).isEqualTo("application/problem+json");
        assertThat(rendered.headers()).containsEntry("Retry-After", "7");
        JsonNode body = JSON.valueToTree(rendered.body());
        assertThat(body.properties().stream().map(Map.Entry::getKey).toList())
                .containsExactly("type", "title", "status", "code", "detail");
        assertThat(body.get("type").asText()).isEqualTo("https://yunrag.dev/errors/rate_limited");
        assertThat(body.get("title").asText()).isEqualTo("Too many requests");
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("code").asText()).isEqualTo("rate_limited");
        assertThat(body.get("detail").asText()).contains("retry in 7 s");
    }

    @Test
    void openAiRendersItsErrorObjectWithTheTypeItsStatusImplies() throws Exception {
        RenderedError limited = ErrorRenderer.forPath("/v1/models")
                .render(ErrorMapping.of(new TooManyRequestsException("key 2", 7), "GET", "/v1/models"));
        assertThat(limited.mediaType()).isEqualTo("application/json");
        assertThat(limited.headers()).containsEntry("Retry-After", "7");
        JsonNode body = JSON.valueToTree(limited.body());
        assertThat(body.properties().stream().map(Map.Entry::getKey).toList()).containsExactly("error");
        assertThat(body.get("error").properties().stream().map(Map.Entry::getKey).toList())
                .containsExactly("message", "type", "param", "code");
        assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(body.at("/error/param").isNull()).isTrue();
        assertThat(body.at("/error/code").asText()).isEqualTo("rate_limited");
        assertThat(type("/v1/models", AccessDeniedException.forbidden("no"))).isEqualTo("invalid_request_error");
        assertThat(type("/v1/models", new IllegalStateException("a bug"))).isEqualTo("server_error");
        // a message-less HTTP refusal still says something
        JsonNode unsupported = JSON.valueToTree(ErrorRenderer.forPath("/v1/chat/completions").render(
                ErrorMapping.of(new NotSupportedException((String) null), "POST", "/v1/chat/completions")).body());
        assertThat(unsupported.at("/error/message").asText()).isNotBlank();
    }

    @Test
    void thePathChoosesTheRenderer() {
        assertThat(ErrorRenderer.forPath("/v1")).isInstanceOf(OpenAiErrorRenderer.class);
        assertThat(ErrorRenderer.forPath("/v1/chat/completions")).isInstanceOf(OpenAiErrorRenderer.class);
        for (String path : new String[] {"/api/ask", "/api/dify/retrieval", "/mcp", "/q/metrics", "/v1beta", "/"}) {
            assertThat(ErrorRenderer.forPath(path)).as(path).isInstanceOf(ProblemJsonRenderer.class);
        }
    }

    private static String type(String path, RuntimeException e) {
        JsonNode body = JSON.valueToTree(ErrorRenderer.forPath(path).render(ErrorMapping.of(e, "GET", path)).body());
        return body.at("/error/type").asText();
    }
}
