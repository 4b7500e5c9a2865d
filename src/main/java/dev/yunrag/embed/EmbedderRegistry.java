package dev.yunrag.embed;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.yunwang.YunwangClients;
import java.util.HashMap;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The embedding models a collection can use, by id. Models are built once and shared; the in-process model is loaded
 * at start-up in server mode (it needs ~320 MB of heap and a few seconds, which a first request should not pay).
 */
@ApplicationScoped
public class EmbedderRegistry {

    public static final String BGE_SMALL_ZH = "bge-small-zh-v15";
    public static final String HASHING = "hashing";
    public static final String SYNTHETIC_512 = "synthetic-512";
    /**
     * For English collections. Chunks are still budgeted with the zh model's WordPiece vocabulary, which splits
     * English into somewhat more pieces than the en vocabulary does: chunks come out a little shorter than the
     * budget, never longer than the model reads.
     */
    public static final String BGE_SMALL_EN = "bge-small-en-v15";
    /** bge's recommended instruction for short retrieval queries (zh models); documents get none. */
    static final String BGE_ZH_QUERY_PREFIX = "为这个句子生成表示以用于检索相关文章：";
    /** The same instruction for the en models, from the bge model card. */
    static final String BGE_EN_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    private static final Logger LOG = Logger.getLogger(EmbedderRegistry.class);

    private final YunragConfig config;
    private final Map<String, Embedder> loaded = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Embedder>> factories = new HashMap<>();
    private final String remoteId;

    public EmbedderRegistry(YunragConfig config, YunwangClients yunwang) {
        this.config = config;
        factories.put(BGE_SMALL_ZH,
                () -> new Embedder(BGE_SMALL_ZH, 512, BGE_ZH_QUERY_PREFIX, new BgeSmallZhV15EmbeddingModel()));
        factories.put(BGE_SMALL_EN,
                () -> new Embedder(BGE_SMALL_EN, 384, BGE_EN_QUERY_PREFIX, new BgeSmallEnV15EmbeddingModel()));
        factories.put(HASHING, () -> new Embedder(HASHING, 256, "", new HashingEmbeddingModel(256)));
        // The synthetic benchmark collections (bench query) use bge-small's dimension; registered so a server can
        // search them too (bench http).
        factories.put(SYNTHETIC_512, () -> new Embedder(SYNTHETIC_512, 512, "", new ClusteredEmbeddingModel(512)));
        this.remoteId = yunwang.embeddingModel().map(model -> {
            String id = config.api().embedding().model();
            String instruction = config.api().embedding().queryInstruction();
            String prefix = "none".equalsIgnoreCase(instruction.strip()) ? "" : instruction;
            // The Embedder adds the query instruction itself; the remote model only embeds what it is given.
            factories.put(id, () -> new Embedder(id, model.dimension(), prefix, model));
            return id;
        }).orElse(null);
    }

    /** The remote embedding model's id when the 云网 embedding endpoint is configured. */
    public java.util.Optional<String> remoteId() {
        return java.util.Optional.ofNullable(remoteId);
    }

    void warmUp(@Observes StartupEvent event) {
        if (config.embedding().eagerLoad() && !Boolean.getBoolean("dev.yunrag.one-shot")) {
            // The in-process model also scores sentences of extractive answers, so it is loaded in every mode.
            Embedder embedder = get(BGE_SMALL_ZH);
            LOG.infof("Embedding model %s loaded (%d dims, in process)", embedder.id(), embedder.dimension());
        }
    }

    /** The model new collections get: the remote model when its endpoint is configured, else the in-process one. */
    public String defaultId() {
        return remoteId != null ? remoteId : config.embedding().model();
    }

    /** The embedder with this id, loaded on first use. */
    public Embedder get(String id) {
        Supplier<Embedder> factory = factories.get(id);
        if (factory == null) {
            throw new IllegalArgumentException("Unknown embedding model '" + id + "'. Known: " + factories.keySet());
        }
        return loaded.computeIfAbsent(id, key -> factory.get());
    }

    /** Whether the embedder with this id has been built (for the in-process model: loaded into memory). */
    public boolean isLoaded(String id) {
        return loaded.containsKey(id);
    }

    public boolean isKnown(String id) {
        return factories.containsKey(id);
    }
}
