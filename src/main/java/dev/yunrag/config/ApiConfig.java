package dev.yunrag.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The 云网 LLM API ({@code yunrag.api.*}). Without a base URL the embedded defaults are used. Each endpoint
 * ({@code chat}, {@code embedding}, {@code rerank}) may have its own base URL and key, else the shared ones apply.
 * The model catalogue ({@code yunrag.api.models."NAME".*}) holds per-model defaults; model names live here and in
 * application.properties, never in code, because the service's list "will be updated".
 */
public interface ApiConfig {

    /** Shared base URL for all endpoints ("http://host:port"). Env: {@code YUNRAG_API_BASE_URL}. */
    Optional<String> baseUrl();

    /** Shared API key. Env: {@code YUNRAG_API_KEY}. Never logged. */
    Optional<String> apiKey();

    /**
     * The unit of the service's {@code prefill_time} and {@code decode_time_arr} ({@code s} or {@code ms}); the
     * document gives none. Env: {@code YUNRAG_API_TIME_UNIT}.
     */
    @WithDefault("s")
    String timeUnit();

    /** {@code POST /v1/chat/completions}. */
    Chat chat();

    /** {@code POST /v1/embeddings}. */
    Embedding embedding();

    /** {@code POST /v1/rerank}. */
    Rerank rerank();

    /** Model catalogue by name, e.g. {@code yunrag.api.models."DeepSeek-R1-32B".kind=reasoning}. */
    Map<String, Model> models();

    /** Settings every endpoint has. */
    interface Endpoint {
        /** This endpoint's base URL; default: {@code yunrag.api.base-url}. */
        Optional<String> baseUrl();

        /** This endpoint's key; default: {@code yunrag.api.api-key}. Never logged. */
        Optional<String> apiKey();

        /** Time to open a connection. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time until the response headers (the first byte) arrive; the 72B model can be slow to start. */
        @WithDefault("60s")
        Duration firstByteTimeout();

        /** Time for a whole call, or a whole stream. */
        @WithDefault("300s")
        Duration totalTimeout();

        /** Retries after 429, 5xx, timeouts and lost connections (never after a stream has started). */
        @WithDefault("3")
        int maxRetries();

        /** First back-off delay; doubled per retry, with jitter; a server's Retry-After is a floor. */
        @WithDefault("500ms")
        Duration retryBaseDelay();

        /** Calls in flight at once to this endpoint. */
        @WithDefault("4")
        int maxConcurrency();

        /** Consecutive transient failures that open the circuit breaker. */
        @WithDefault("5")
        int breakerThreshold();

        /** How long an open breaker refuses calls before one trial call. */
        @WithDefault("30s")
        Duration breakerCoolDown();

        /**
         * Consecutive timeouts of calls made under a question's deadline that open the circuit breaker, so that the
         * next user does not wait for a hung endpoint again.
         */
        @WithDefault("1")
        int breakerTimeoutThreshold();
    }

    interface Chat extends Endpoint {
        /** {@code bearer}, {@code raw} (the bare key, as in the document's chat example) or {@code none}. */
        @WithDefault("raw")
        String authScheme();

        /** Default chat model: a catalogue name (or a remote model id). */
        @WithDefault("TianQing-72B")
        String model();

        /**
         * A question's budget from the chat call to the first token (the response headers): waits for a slot, 429
         * back-off and timeouts all end there, and the answer falls back to the extractive one.
         */
        @WithDefault("30s")
        Duration questionDeadline();
    }

    interface Embedding extends Endpoint {
        /** {@code bearer}, {@code raw} or {@code none}. */
        @WithDefault("bearer")
        String authScheme();

        /** Embedding model: a catalogue name or remote model id. */
        @WithDefault("BAAI/bge-large-zh-v1.5")
        String model();

        /** Texts per request (when the server accepts arrays). */
        @WithDefault("16")
        int batchSize();

        /** Inputs are cut to this many model tokens (bge-large-zh-v1.5 reads 512). */
        @WithDefault("512")
        int maxInputTokens();

        /**
         * Prefix for queries (never passages), as bge recommends; {@code none} disables it (an empty value cannot,
         * since configuration treats it as unset).
         */
        @WithDefault("为这个句子生成表示以用于检索相关文章：")
        String queryInstruction();
    }

    interface Rerank extends Endpoint {
        /** {@code bearer}, {@code raw} or {@code none}. */
        @WithDefault("bearer")
        String authScheme();

        /** Rerank model: a catalogue name or remote model id. */
        @WithDefault("BAAI/bge-reranker-v2-m3")
        String model();

        /** Query plus document are cut to this many model tokens. */
        @WithDefault("512")
        int maxInputTokens();
    }

    /** One catalogue entry; unset parameters fall back to the document's example values. */
    interface Model {
        /** {@code chat}, {@code reasoning} (reasoning in the output, DeepSeek-R1 style), {@code embedding},
         * {@code rerank} or {@code vision}. */
        ModelKind kind();

        /** The {@code model} value sent to the server; default: the catalogue name. */
        Optional<String> remoteId();

        /** Chat: {@code max_tokens}. */
        OptionalInt maxTokens();

        /** Chat: {@code temperature}. */
        OptionalDouble temperature();

        /** Chat: {@code top_p}. */
        OptionalDouble topP();

        /** Chat: {@code presence_penalty}. */
        OptionalDouble presencePenalty();

        /** Chat: {@code frequency_penalty}. */
        OptionalDouble frequencyPenalty();

        /** Chat: {@code seed}; unset sends {@code null}. */
        OptionalLong seed();

        /** Embedding: vector length; every returned vector is checked against it. */
        @WithName("dimension")
        OptionalInt dimension();
    }
}
