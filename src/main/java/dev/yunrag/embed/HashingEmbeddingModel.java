package dev.yunrag.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * A near-zero-cost embedding model: character bigrams hashed into a fixed number of buckets. It exists to measure
 * the ingestion pipeline without the cost of a neural model ({@code --embedding-model hashing} in benchmarks) and for
 * fast tests; it is lexical, not semantic, and is never chosen by default.
 */
public class HashingEmbeddingModel implements EmbeddingModel {

    private final int dimension;

    public HashingEmbeddingModel(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> embeddings = new ArrayList<>(segments.size());
        for (TextSegment segment : segments) {
            embeddings.add(Embedding.from(hash(segment.text())));
        }
        return Response.from(embeddings);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    private float[] hash(String text) {
        float[] vector = new float[dimension];
        String lower = text.toLowerCase();
        for (int i = 0; i + 1 < lower.length(); i++) {
            int h = lower.charAt(i) * 31 + lower.charAt(i + 1);
            vector[Math.floorMod(h * 0x9E3779B1, dimension)] += 1f;
        }
        if (lower.length() == 1) {
            vector[Math.floorMod(lower.charAt(0) * 0x9E3779B1, dimension)] = 1f;
        }
        return VectorMath.normalized(vector);
    }
}
