package dev.yunrag.index;

import java.util.Map;
import java.util.Set;

/**
 * What a collection's index was built with; recorded in every commit so that a later process with another embedding
 * model or analyzer is refused instead of silently mixing incomparable vectors or tokens.
 *
 * @param vectorFormat how the HNSW field stores its vectors: {@code float32} (exact values), {@code int8},
 *                     {@code int4} or {@code binary} (Lucene's scalar quantization, smaller and faster to scan,
 *                     approximate scores); indexes written before this setting existed are {@code float32}
 * @param reranker     the embedded reranking this collection was created with ({@code lexical-coverage} or
 *                     {@code none}); null when none was chosen: then the default of the collection's language applies
 *                     ({@code dev.yunrag.retrieve.RankingPolicy})
 */
public record IndexSettings(String embeddingModel, int dimension, String analyzer, String vectorFormat,
                            String reranker) {

    public static final String FLOAT32 = "float32";
    public static final Set<String> VECTOR_FORMATS = Set.of(FLOAT32, "int8", "int4", "binary");

    static final String EMBEDDING_MODEL = "yunrag.embedding.model";
    static final String DIMENSION = "yunrag.embedding.dimension";
    static final String ANALYZER = "yunrag.analyzer";
    static final String VECTOR_FORMAT = "yunrag.vector-format";
    static final String RERANKER = "yunrag.reranker";
    static final String SCHEMA = "yunrag.schema";
    static final String SCHEMA_VERSION = "1";

    public IndexSettings {
        if (vectorFormat == null) {
            vectorFormat = FLOAT32;
        }
        if (!VECTOR_FORMATS.contains(vectorFormat)) {
            throw new IllegalArgumentException("Unknown vector format '" + vectorFormat
                    + "': set yunrag.index.vector-format to float32, int8, int4 or binary");
        }
    }

    /** Settings with float32 vectors. */
    public IndexSettings(String embeddingModel, int dimension, String analyzer) {
        this(embeddingModel, dimension, analyzer, FLOAT32);
    }

    /** Settings whose reranking is its language's default. */
    public IndexSettings(String embeddingModel, int dimension, String analyzer, String vectorFormat) {
        this(embeddingModel, dimension, analyzer, vectorFormat, null);
    }

    /** The same settings with this reranker recorded (null: the language default). */
    public IndexSettings withReranker(String chosen) {
        return new IndexSettings(embeddingModel, dimension, analyzer, vectorFormat, chosen);
    }

    public Map<String, String> toCommitData() {
        Map<String, String> data = new java.util.HashMap<>(Map.of(EMBEDDING_MODEL, embeddingModel, DIMENSION,
                Integer.toString(dimension), ANALYZER, analyzer, VECTOR_FORMAT, vectorFormat, SCHEMA, SCHEMA_VERSION));
        if (reranker != null) {
            data.put(RERANKER, reranker);
        }
        return Map.copyOf(data);
    }

    public static IndexSettings fromCommitData(Map<String, String> data) {
        String model = data.get(EMBEDDING_MODEL);
        if (model == null) {
            throw new IllegalStateException("The index has no YunRAG settings in its commit data; it was not written by"
                    + " YunRAG or is from an unsupported version. Re-ingest with --reindex.");
        }
        return new IndexSettings(model, Integer.parseInt(data.get(DIMENSION)), data.getOrDefault(ANALYZER, "cjk"),
                data.getOrDefault(VECTOR_FORMAT, FLOAT32), data.get(RERANKER));
    }
}
