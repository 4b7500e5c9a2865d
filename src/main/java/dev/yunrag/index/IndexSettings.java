package dev.yunrag.index;

import java.util.Map;

/**
 * What a collection's index was built with; recorded in every commit so that a later process with another embedding
 * model or analyzer is refused instead of silently mixing incomparable vectors or tokens.
 */
public record IndexSettings(String embeddingModel, int dimension, String analyzer) {

    static final String EMBEDDING_MODEL = "yunrag.embedding.model";
    static final String DIMENSION = "yunrag.embedding.dimension";
    static final String ANALYZER = "yunrag.analyzer";
    static final String SCHEMA = "yunrag.schema";
    static final String SCHEMA_VERSION = "1";

    public Map<String, String> toCommitData() {
        return Map.of(EMBEDDING_MODEL, embeddingModel, DIMENSION, Integer.toString(dimension), ANALYZER, analyzer,
                SCHEMA, SCHEMA_VERSION);
    }

    public static IndexSettings fromCommitData(Map<String, String> data) {
        String model = data.get(EMBEDDING_MODEL);
        if (model == null) {
            throw new IllegalStateException("The index has no YunRAG settings in its commit data; it was not written by"
                    + " YunRAG or is from an unsupported version. Re-ingest with --reindex.");
        }
        return new IndexSettings(model, Integer.parseInt(data.get(DIMENSION)), data.getOrDefault(ANALYZER, "cjk"));
    }
}
