package dev.yunrag.app;

import dev.yunrag.answer.Answer;
import dev.yunrag.answer.AnswerModels;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.rerank.Reranker;
import dev.yunrag.yunwang.ChatDefaults;
import dev.yunrag.yunwang.YunwangClients;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which implementation serves each model role (embedding, reranker, answer models): the remote 云网 model or the
 * in-process default. Logged once at start-up, one line per role, and reported by {@code ModelsHealthCheck} (/q/health), so an
 * operator can tell from the log or {@code /q/health} whether the 云网 API is in use, and the source of
 * {@code /api/status}'s model list. Describing a role never loads a model. Keys are never part of it.
 */
@ApplicationScoped
public class ModelsInForce {

    private static final Logger LOG = Logger.getLogger(ModelsInForce.class);

    /** The three roles. */
    public static final String EMBEDDING = "embedding";
    public static final String RERANKER = "reranker";
    public static final String ANSWER = "answer";

    /**
     * One model role.
     *
     * @param role           {@code embedding}, {@code reranker} or {@code answer}
     * @param implementation {@code remote}, {@code in-process}, {@code embedded}, {@code extractive} or {@code none}
     * @param description    one line for people: model ids, dimension, fallbacks
     * @param endpoint       the 云网 endpoint serving it ({@code chat}/{@code embedding}/{@code rerank}), if remote
     * @param names          the model names serving the role (several answer models; {@code extractive} when none)
     * @param dimension      the embedding model's vector length, null for other roles
     */
    public record ModelInUse(String role, String implementation, String description, Optional<String> endpoint,
                             List<String> names, Integer dimension) {

        public boolean remote() {
            return endpoint.isPresent();
        }
    }

    private final EmbedderRegistry embedders;
    private final Reranker reranker;
    private final AnswerModels answerModels;
    private final YunwangClients yunwang;
    private final CollectionCatalog collections;
    private final YunragConfig config;
    private final RunMode mode;

    public ModelsInForce(EmbedderRegistry embedders, Reranker reranker, AnswerModels answerModels,
                         YunwangClients yunwang, CollectionCatalog collections, YunragConfig config, RunMode mode) {
        this.embedders = embedders;
        this.reranker = reranker;
        this.answerModels = answerModels;
        this.yunwang = yunwang;
        this.collections = collections;
        this.config = config;
        this.mode = mode;
    }

    void logAtStartup(@Observes StartupEvent event) {
        if (!mode.serves()) {
            return; // one-shot commands log warnings only
        }
        for (ModelInUse model : models()) {
            LOG.infof("Model in use: %-9s %-10s %s", model.role(), model.implementation(), model.description());
        }
        LOG.infof("Index backend: %s", indexBackend());
        List<String> notes;
        try {
            notes = collectionNotes();
        } catch (RuntimeException e) {
            // a SolrCloud that is down must not stop the server: it serves (503 meanwhile) once the cluster is back
            LOG.warnf("Collections not listed at start-up: %s", e.getMessage());
            return;
        }
        for (String note : notes) {
            LOG.info(note);
        }
    }

    /** Where collections live ({@code yunrag.index.backend} and its address, never a password). */
    public String indexBackend() {
        return Pipelines.indexBackend(config);
    }

    /** Embedding, reranker and answer models, in that order. */
    public List<ModelInUse> models() {
        return List.of(embedding(), reranker(), answer());
    }

    /** The circuit breaker state per configured remote endpoint. */
    public Map<String, String> breakerStates() {
        return yunwang.breakerStates();
    }

    ModelInUse embedding() {
        String id = embedders.defaultId();
        boolean remote = embedders.remoteId().filter(id::equals).isPresent();
        int dimension = embedders.dimensionOf(id);
        if (remote) {
            return new ModelInUse(EMBEDDING, "remote", id + " (" + dimension
                    + " dims) via the 云网 embedding endpoint, for new collections", Optional.of("embedding"),
                    List.of(id), dimension);
        }
        String loading = config.embedding().eagerLoad() ? dimension + " dims" : "loaded on first use";
        return new ModelInUse(EMBEDDING, "in-process", id + " (" + loading + "), for new collections"
                + " (no 云网 embedding endpoint configured)", Optional.empty(), List.of(id), dimension);
    }

    ModelInUse reranker() {
        if (yunwang.scoringModel().isPresent()) {
            return new ModelInUse(RERANKER, "remote", reranker.name() + " via the 云网 rerank endpoint"
                    + " (fused order if it fails)", Optional.of("rerank"), List.of(reranker.name()), null);
        }
        if (reranker.name().equals("none")) {
            return new ModelInUse(RERANKER, "none", "fused BM25 + vector order (yunrag.retrieval.embedded-reranker"
                    + "=none)", Optional.empty(), List.of(reranker.name()), null);
        }
        return new ModelInUse(RERANKER, "embedded", reranker.name() + " (in process; no 云网 rerank endpoint"
                + " configured)", Optional.empty(), List.of(reranker.name()), null);
    }

    ModelInUse answer() {
        List<String> names = answerModels.names();
        if (names.isEmpty()) {
            return new ModelInUse(ANSWER, "extractive", "quoted sentences from the sources (no 云网 chat endpoint"
                    + " configured)", Optional.empty(), List.of(Answer.EXTRACTIVE), null);
        }
        String preferred = answerModels.resolve(config.answer().defaultModel()).orElse(names.getFirst());
        List<String> described = new ArrayList<>();
        for (String name : names) {
            String remoteId = Optional.ofNullable(yunwang.chatCatalogue().models().get(name))
                    .map(ChatDefaults::remoteModel).filter(id -> !id.equals(name))
                    .map(id -> " (" + id + ")").orElse("");
            described.add(name + remoteId + (name.equals(preferred) ? " [default]" : ""));
        }
        return new ModelInUse(ANSWER, "remote", String.join(", ", described)
                + " via the 云网 chat endpoint (extractive if it fails)", Optional.of("chat"), names, null);
    }

    /**
     * A note for each existing collection whose embedding model is not the one new collections get: it keeps its own
     * model (queries and ingestion use it) until it is re-ingested with {@code --reindex}.
     */
    public List<String> collectionNotes() {
        List<String> notes = new ArrayList<>();
        String defaultId = embedders.defaultId();
        for (String name : collections.names()) {
            IndexSettings settings;
            try {
                settings = collections.find(name).map(index -> index.settings()).orElse(null);
            } catch (RuntimeException e) {
                // A damaged index must not stop the server from starting; using it will report the error.
                notes.add("Collection '" + name + "' cannot be opened: " + e.getMessage());
                continue;
            }
            if (settings == null || settings.embeddingModel().equals(defaultId)) {
                continue;
            }
            String where = embedders.remoteId().filter(settings.embeddingModel()::equals).isPresent()
                    ? "remote" : embedders.isKnown(settings.embeddingModel()) ? "in process" : "NOT AVAILABLE";
            notes.add("Collection '" + name + "' keeps its embedding model " + settings.embeddingModel() + " ("
                    + settings.dimension() + " dims, " + where + "); new collections get " + defaultId
                    + ". To switch it: ingest --reindex --collection " + name + " --embedding-model " + defaultId
                    + " PATH...");
        }
        return notes;
    }
}
