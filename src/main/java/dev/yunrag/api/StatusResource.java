package dev.yunrag.api;

import dev.yunrag.answer.Answer;
import dev.yunrag.answer.AnswerModels;
import dev.yunrag.app.ModelsInForce;
import dev.yunrag.config.ApiConfig;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexStats;
import dev.yunrag.yunwang.YunwangClients;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What the service is running with: embedded defaults or 云网 models, each model and whether it can be used, the
 * collections and their index sizes. For the web UI's status page and for people checking a deployment.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    /** Remote endpoints are probed with a TCP connect only: a status page must not spend tokens or wait long. */
    static final int PROBE_TIMEOUT_MILLIS = 1500;

    /**
     * One model in use.
     *
     * @param role      embedding | reranker | answer
     * @param name      model name (catalogue name or in-process id)
     * @param location  {@code in-process} or {@code yunwang} (the 云网 API)
     * @param available in-process: loaded; remote: its endpoint accepted a TCP connection just now (null: not probed)
     * @param dimension vectors' length (embedding only)
     * @param detail    endpoint or error, for people
     */
    public record ModelStatus(String role, String name, String location, Boolean available, Integer dimension,
                              String detail) {
    }

    /** A collection with its index size. */
    public record CollectionStatus(String name, int documents, int chunks, long bytesOnDisk, String embeddingModel,
                                   int dimension, String analyzer) {
    }

    /**
     * The status response.
     *
     * @param mode          {@code embedded} (in-process defaults) or {@code yunwang} (some 云网 endpoint configured)
     * @param answerModels  names usable as {@code model} in /api/ask, {@code extractive} last
     * @param defaultModel  the model a question gets when it names none
     */
    public record Status(String version, String mode, String api, String dataDir, String defaultCollection,
                         List<ModelStatus> models, List<String> answerModels, String defaultModel,
                         List<CollectionStatus> collections) {
    }

    /** The model picker: answer models and the extractive fallback, the default first. */
    public record ModelsView(List<String> models, String defaultModel, String mode) {
    }

    @Inject
    YunragConfig config;

    @Inject
    YunwangClients yunwang;

    @Inject
    EmbedderRegistry embedders;

    @Inject
    ModelsInForce modelsInForce;

    @Inject
    AnswerModels answerModels;

    @Inject
    CollectionCatalog collections;

    @Inject
    dev.yunrag.security.AccessPolicy access;

    @GET
    @Path("/status")
    @Operation(summary = "Mode, models in use and whether they are reachable, collections with index sizes, data dir")
    public Status status() {
        return status(true);
    }

    /** @param probe whether to try a TCP connection to each remote endpoint (up to 1.5 s each when one is down) */
    Status status(boolean probe) {
        List<ModelStatus> models = modelStatuses(probe);
        String version = ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class)
                .orElse("unknown");
        ModelsView picker = models();
        return new Status(version, mode(), yunwang.describe(), config.dataDir().toAbsolutePath().normalize().toString(),
                config.defaultCollection(), models, picker.models(), picker.defaultModel(), collectionStatuses());
    }

    @GET
    @Path("/models")
    @Operation(summary = "Answer models for the model picker: configured 云网 chat models, then 'extractive'")
    public ModelsView models() {
        List<String> names = new ArrayList<>(answerModels.names());
        String configured = config.answer().defaultModel();
        String defaultModel = answerModels.resolve(configured).orElse(names.isEmpty() ? Answer.EXTRACTIVE
                : names.getFirst());
        names.remove(defaultModel);
        names.addFirst(defaultModel);
        if (!names.contains(Answer.EXTRACTIVE)) {
            names.add(Answer.EXTRACTIVE);
        }
        return new ModelsView(names, defaultModel, mode());
    }

    private String mode() {
        return yunwang.anyConfigured() ? "yunwang" : "embedded";
    }

    /**
     * One status line per model of each role, from {@link ModelsInForce} (which never loads a model: a status call
     * must not cost the 320 MB in-process model's loading).
     */
    private List<ModelStatus> modelStatuses(boolean probe) {
        List<ModelStatus> statuses = new ArrayList<>();
        for (ModelsInForce.ModelInUse model : modelsInForce.models()) {
            if (model.remote()) {
                Optional<String> url = baseUrl(model.endpoint().orElseThrow());
                Boolean reachable = probe ? probe(url) : null;
                for (String name : model.names()) {
                    statuses.add(new ModelStatus(model.role(), name, "yunwang", reachable, model.dimension(),
                            url.orElse(null)));
                }
            } else {
                String name = model.names().getFirst();
                statuses.add(new ModelStatus(model.role(), name, "in-process", true, model.dimension(),
                        inProcessDetail(model.role(), name)));
            }
        }
        return statuses;
    }

    private String inProcessDetail(String role, String name) {
        return switch (role) {
            case ModelsInForce.EMBEDDING -> embedders.isLoaded(name) ? null : "loaded on first use";
            case ModelsInForce.ANSWER -> "no 云网 chat endpoint configured: answers quote the best sentences";
            default -> null;
        };
    }

    private List<CollectionStatus> collectionStatuses() {
        List<CollectionStatus> result = new ArrayList<>();
        for (String name : access.visible(collections.names())) {
            collections.find(name).ifPresent(index -> {
                IndexStats stats = index.stats();
                result.add(new CollectionStatus(name, stats.documents(), stats.chunks(), stats.bytesOnDisk(),
                        stats.settings().embeddingModel(), stats.settings().dimension(), stats.settings().analyzer()));
            });
        }
        return result;
    }

    /** The base URL of the 云网 endpoint named {@code chat}, {@code embedding} or {@code rerank}. */
    private Optional<String> baseUrl(String endpointName) {
        ApiConfig.Endpoint endpoint = switch (endpointName) {
            case "chat" -> config.api().chat();
            case "embedding" -> config.api().embedding();
            default -> config.api().rerank();
        };
        return endpoint.baseUrl().or(() -> config.api().baseUrl()).filter(url -> !url.isBlank());
    }

    /** Whether the endpoint's host accepts a TCP connection; says nothing about keys or models. */
    static boolean probe(Optional<String> baseUrl) {
        if (baseUrl.isEmpty()) {
            return false;
        }
        try {
            URI uri = URI.create(baseUrl.get());
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_TIMEOUT_MILLIS);
                return true;
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
