package dev.yunrag.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/**
 * An embedding model as a collection uses it: a stable id recorded in the index, its dimension, and the instruction
 * prefix the model's authors recommend on the query side only. Vectors are L2-normalised so that the index can use
 * dot-product similarity.
 *
 * @param id          stable id stored with each collection, e.g. {@code bge-small-zh-v15}
 * @param dimension   vector length
 * @param queryPrefix prepended to queries (not to documents)
 * @param model       the LangChain4j model doing the work
 */
public record Embedder(String id, int dimension, String queryPrefix, EmbeddingModel model) {

    /** Embeds passages for the index, in order. */
    public List<float[]> embedDocuments(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> embeddings = model.embedAll(segments).content();
        if (embeddings.size() != texts.size()) {
            throw new IllegalStateException("Embedding model " + id + " returned " + embeddings.size()
                    + " vectors for " + texts.size() + " texts");
        }
        return embeddings.stream().map(this::checked).toList();
    }

    /** Embeds a search query, with the model's query instruction. */
    public float[] embedQuery(String query) {
        return checked(model.embed(TextSegment.from(queryPrefix + query)).content());
    }

    private float[] checked(Embedding embedding) {
        float[] vector = embedding.vector();
        if (vector.length != dimension) {
            throw new IllegalStateException("Embedding model " + id + " returned " + vector.length
                    + " dimensions, expected " + dimension);
        }
        return VectorMath.normalized(vector);
    }
}
