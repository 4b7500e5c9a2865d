package dev.yunrag.embed;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The embedding models a collection can use, by id. Models are built once and shared; the in-process ones are loaded
 * on first use (bge-small-zh needs ~320 MB of heap and a few seconds; the composition root loads it at start-up in
 * server mode). The remote model, when its endpoint is configured, is built by the composition root and handed in.
 */
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

    /** An embedder that can be built, with the dimension it will have (known without loading it). */
    private record Known(int dimension, Supplier<Embedder> factory) {
    }

    private final Map<String, Embedder> loaded = new ConcurrentHashMap<>();
    private final Map<String, Known> known = new HashMap<>();
    private final String inProcessDefault;
    private final String remoteId;

    /**
     * @param inProcessDefault the in-process model new collections get when no remote model is configured
     * @param remote           the 云网 embedding model, when its endpoint is configured: new collections get it
     */
    public EmbedderRegistry(String inProcessDefault, Optional<Embedder> remote) {
        known.put(BGE_SMALL_ZH, new Known(512,
                () -> new Embedder(BGE_SMALL_ZH, 512, BGE_ZH_QUERY_PREFIX, new BgeSmallZhV15EmbeddingModel())));
        known.put(BGE_SMALL_EN, new Known(384,
                () -> new Embedder(BGE_SMALL_EN, 384, BGE_EN_QUERY_PREFIX, new BgeSmallEnV15EmbeddingModel())));
        known.put(HASHING, new Known(256, () -> new Embedder(HASHING, 256, "", new HashingEmbeddingModel(256))));
        // The synthetic benchmark collections (bench query) use bge-small's dimension; registered so a server can
        // search them too (bench http).
        known.put(SYNTHETIC_512, new Known(512,
                () -> new Embedder(SYNTHETIC_512, 512, "", new ClusteredEmbeddingModel(512))));
        if (!known.containsKey(inProcessDefault)) {
            throw new IllegalArgumentException("yunrag.embedding.model is '" + inProcessDefault + "': use one of "
                    + known.keySet());
        }
        this.inProcessDefault = inProcessDefault;
        this.remoteId = remote.map(embedder -> {
            known.put(embedder.id(), new Known(embedder.dimension(), () -> embedder));
            return embedder.id();
        }).orElse(null);
    }

    /** The remote embedding model's id when the 云网 embedding endpoint is configured. */
    public Optional<String> remoteId() {
        return Optional.ofNullable(remoteId);
    }

    /** The model new collections get: the remote model when its endpoint is configured, else the in-process one. */
    public String defaultId() {
        return remoteId != null ? remoteId : inProcessDefault;
    }

    /** The embedder with this id, loaded on first use. */
    public Embedder get(String id) {
        return loaded.computeIfAbsent(id, key -> knownOrThrow(id).factory().get());
    }

    /** The dimension the embedder with this id has, without loading it. */
    public int dimensionOf(String id) {
        return knownOrThrow(id).dimension();
    }

    private Known knownOrThrow(String id) {
        Known model = known.get(id);
        if (model == null) {
            throw new IllegalArgumentException("Unknown embedding model '" + id + "'. Known: " + known.keySet());
        }
        return model;
    }

    /** Whether the embedder with this id has been built (for the in-process model: loaded into memory). */
    public boolean isLoaded(String id) {
        return loaded.containsKey(id);
    }

    public boolean isKnown(String id) {
        return known.containsKey(id);
    }
}
