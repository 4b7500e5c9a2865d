package dev.yunrag.yunwang;

import dev.yunrag.config.ApiConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Builds the 云网 models from {@link ApiConfig}, with plain constructors (no CDI inside). An endpoint without a base URL
 * (its own or the shared one) yields no model, and the caller keeps its in-process default. One {@link YunwangHttp}
 * per endpoint is shared by the models that use it (chat and streaming chat share one), so that the concurrency bound
 * and the circuit breaker see all of that endpoint's traffic.
 */
public final class YunwangClients {

    /** Kinds of catalogue entries that are served by the chat endpoint. */
    private static final java.util.Set<String> CHAT_KINDS = java.util.Set.of("chat", "reasoning", "vision");

    private final ApiConfig config;
    private final boolean probing;
    private final YunwangHttp chatHttp;
    private final YunwangHttp embeddingHttp;
    private final YunwangHttp rerankHttp;
    private final ChatModelCatalogue chatCatalogue;
    /** Cuts embedding and rerank inputs to the models' limits; loaded when first needed, shared by these clients. */
    private final java.util.function.Supplier<TokenTruncator> bgeTokens = TokenTruncator.bgeChineseOnFirstUse();

    private YunwangClients(ApiConfig config) {
        this(config, false);
    }

    private YunwangClients(ApiConfig config, boolean probing) {
        this.config = config;
        this.probing = probing;
        this.chatHttp = http("chat", config.chat(), config.chat().authScheme());
        this.embeddingHttp = http("embedding", config.embedding(), config.embedding().authScheme());
        this.rerankHttp = http("rerank", config.rerank(), config.rerank().authScheme());
        this.chatCatalogue = chatCatalogue(config);
    }

    public static YunwangClients fromConfig(ApiConfig config) {
        return new YunwangClients(config);
    }

    /** Whether any endpoint has a base URL; false means the embedded (in-process) defaults are in use. */
    public boolean anyConfigured() {
        return chatHttp != null || embeddingHttp != null || rerankHttp != null;
    }

    public ChatModelCatalogue chatCatalogue() {
        return chatCatalogue;
    }

    public Optional<YunwangChatModel> chatModel() {
        return Optional.ofNullable(chatHttp).map(http -> new YunwangChatModel(http, chatCatalogue,
                questionDeadline()));
    }

    public Optional<YunwangStreamingChatModel> streamingChatModel() {
        return Optional.ofNullable(chatHttp).map(http -> new YunwangStreamingChatModel(http, chatCatalogue,
                questionDeadline()));
    }

    /** Chat calls answer questions, so they carry the question's deadline; a probe waits the endpoint's timeouts. */
    private Duration questionDeadline() {
        return probing ? null : config.chat().questionDeadline();
    }

    /** The unit the service's {@code prefill_time} and {@code decode_time_arr} are in. */
    public TimeUnitSetting timeUnit() {
        return TimeUnitSetting.parse(config.timeUnit());
    }

    /**
     * A separate set of clients over the same configuration, for {@code check-api}: its own connections, limiter
     * and breakers (a probe must not trip the serving ones), no retries (the first status is the answer) and no
     * question deadline.
     */
    public YunwangClients forProbing() {
        return new YunwangClients(config, true);
    }

    /** Endpoints whose scheme sends a key but that have none: a real 云网 service refuses every call to them. */
    public List<String> endpointsWithoutKey() {
        List<String> names = new ArrayList<>();
        for (YunwangHttp http : new YunwangHttp[] {chatHttp, embeddingHttp, rerankHttp}) {
            if (http != null && http.endpoint().missingKey()) {
                names.add(http.endpoint().name());
            }
        }
        return names;
    }

    /** The HTTP layer of an endpoint ({@code chat}, {@code embedding}, {@code rerank}), when configured. */
    public Optional<YunwangHttp> http(String name) {
        return java.util.stream.Stream.of(chatHttp, embeddingHttp, rerankHttp)
                .filter(java.util.Objects::nonNull).filter(http -> http.endpoint().name().equals(name)).findFirst();
    }

    public Optional<YunwangEmbeddingModel> embeddingModel() {
        if (embeddingHttp == null) {
            return Optional.empty();
        }
        ApiConfig.Embedding settings = config.embedding();
        String name = settings.model();
        Optional<ApiConfig.Model> entry = catalogueEntry(name);
        String remoteId = entry.flatMap(ApiConfig.Model::remoteId).orElse(name);
        int dimension = entry.flatMap(model -> boxed(model.dimension())).orElse(1024);
        String instruction = "none".equalsIgnoreCase(settings.queryInstruction().strip()) ? ""
                : settings.queryInstruction();
        UnaryOperator<String> truncation = YunwangEmbeddingModel.bgeTruncation(bgeTokens, settings.maxInputTokens());
        return Optional.of(new YunwangEmbeddingModel(embeddingHttp, remoteId, dimension, settings.batchSize(),
                instruction, truncation));
    }

    public Optional<YunwangScoringModel> scoringModel() {
        if (rerankHttp == null) {
            return Optional.empty();
        }
        String name = config.rerank().model();
        String remoteId = catalogueEntry(name).flatMap(ApiConfig.Model::remoteId).orElse(name);
        return Optional.of(new YunwangScoringModel(rerankHttp, remoteId,
                YunwangScoringModel.bgeTruncation(bgeTokens, config.rerank().maxInputTokens())));
    }

    /** The circuit breaker state of each configured endpoint ({@code chat}, {@code embedding}, {@code rerank}). */
    public Map<String, String> breakerStates() {
        Map<String, String> states = new LinkedHashMap<>();
        for (YunwangHttp http : new YunwangHttp[] {chatHttp, embeddingHttp, rerankHttp}) {
            if (http != null) {
                states.put(http.endpoint().name(), http.breakerState());
            }
        }
        return states;
    }

    /** The settings in force, for the start-up log and {@code check-api}; keys are shown only as set or not. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (YunwangHttp http : new YunwangHttp[] {chatHttp, embeddingHttp, rerankHttp}) {
            if (http != null) {
                text.append(http.endpoint()).append('\n');
            }
        }
        return text.isEmpty() ? "云网 API not configured (no yunrag.api.base-url): embedded defaults in use"
                : text.toString().strip();
    }

    private YunwangHttp http(String name, ApiConfig.Endpoint endpoint, String authScheme) {
        Optional<String> baseUrl = endpoint.baseUrl().or(config::baseUrl).filter(url -> !url.isBlank());
        if (baseUrl.isEmpty()) {
            return null;
        }
        String key = endpoint.apiKey().or(config::apiKey).orElse(null);
        YunwangEndpoint settings = YunwangEndpoint.of(name, baseUrl.get(), key, AuthScheme.parse(authScheme))
                .withTimeouts(endpoint.connectTimeout(), endpoint.firstByteTimeout(), endpoint.totalTimeout())
                .withRetries(endpoint.maxRetries(), endpoint.retryBaseDelay())
                .withMaxConcurrency(endpoint.maxConcurrency())
                .withBreaker(endpoint.breakerThreshold(), endpoint.breakerCoolDown())
                .withBreakerTimeoutThreshold(endpoint.breakerTimeoutThreshold());
        if (probing) {
            settings = settings.withRetries(0, endpoint.retryBaseDelay())
                    .withBreaker(Integer.MAX_VALUE, endpoint.breakerCoolDown())
                    .withBreakerTimeoutThreshold(Integer.MAX_VALUE);
        }
        return new YunwangHttp(settings, TimeUnitSetting.parse(config.timeUnit()));
    }

    static ChatModelCatalogue chatCatalogue(ApiConfig config) {
        Map<String, ChatDefaults> models = new LinkedHashMap<>();
        config.models().forEach((name, model) -> {
            String kind = model.kind().value();
            if (CHAT_KINDS.contains(kind)) {
                models.put(name, chatDefaults(name, kind, model));
            }
        });
        return new ChatModelCatalogue(models, config.chat().model());
    }

    private static ChatDefaults chatDefaults(String name, String kind, ApiConfig.Model model) {
        ChatDefaults example = ChatDefaults.documentExample(name);
        return new ChatDefaults(model.remoteId().orElse(name), "reasoning".equals(kind),
                boxed(model.maxTokens()).orElse(example.maxTokens()),
                boxed(model.temperature()).orElse(example.temperature()),
                boxed(model.topP()).orElse(example.topP()),
                boxed(model.presencePenalty()).orElse(example.presencePenalty()),
                boxed(model.frequencyPenalty()).orElse(example.frequencyPenalty()),
                model.seed().isPresent() ? model.seed().getAsLong() : null);
    }

    /** A catalogue entry by its name or by its remote id (so {@code BAAI/bge-large-zh-v1.5} finds its entry). */
    private Optional<ApiConfig.Model> catalogueEntry(String name) {
        ApiConfig.Model byName = config.models().get(name);
        if (byName != null) {
            return Optional.of(byName);
        }
        return config.models().entrySet().stream()
                .filter(entry -> entry.getValue().remoteId().orElse(entry.getKey()).equals(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static Optional<Integer> boxed(java.util.OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }

    private static Optional<Double> boxed(java.util.OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "YunwangClients[" + describe().replace('\n', ';') + "]";
    }
}
