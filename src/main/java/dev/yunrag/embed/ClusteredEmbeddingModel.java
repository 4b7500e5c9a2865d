package dev.yunrag.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic dense vectors for scale benchmarks: each text maps deterministically (by its hash) to one of a fixed set
 * of cluster centres plus Gaussian noise, then unit length. Real sentence embeddings are clustered by topic, and so
 * are these, so HNSW recall and latency measured on them are meaningful, unlike uniform random vectors (no structure)
 * or hashed bag-of-words vectors (many exact ties). It is never used for real collections.
 */
public class ClusteredEmbeddingModel implements EmbeddingModel {

    private static final int CLUSTERS = 256;
    private static final float NOISE = 0.6f;

    private final int dimension;
    private final float[][] centres;

    public ClusteredEmbeddingModel(int dimension) {
        this.dimension = dimension;
        Random random = new Random(20261126L);
        centres = new float[CLUSTERS][dimension];
        for (float[] centre : centres) {
            for (int i = 0; i < dimension; i++) {
                centre[i] = (float) random.nextGaussian();
            }
        }
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> embeddings = new ArrayList<>(segments.size());
        for (TextSegment segment : segments) {
            embeddings.add(Embedding.from(vector(segment.text())));
        }
        return Response.from(embeddings);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    private float[] vector(String text) {
        Random random = new Random(text.hashCode() * 0x9E3779B97F4A7C15L);
        float[] centre = centres[random.nextInt(CLUSTERS)];
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = centre[i] + NOISE * (float) random.nextGaussian();
        }
        return VectorMath.normalized(vector);
    }
}
