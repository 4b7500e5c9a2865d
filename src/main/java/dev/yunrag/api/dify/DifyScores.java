package dev.yunrag.api.dify;

import dev.yunrag.embed.Embedder;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The 0–1 score of each record: the cosine similarity of the query and the passage embeddings, clamped at 0. Lucene
 * reports a dot-product hit (unit vectors) as {@code (1 + cosine) / 2}, so a passage the vector stage found has its
 * cosine at hand; a passage only BM25 found is embedded here (one batch) and compared with the query. If the
 * embedding model is unavailable those passages score 0: Dify's threshold then keeps only semantic matches.
 */
final class DifyScores {

    private static final Logger LOG = Logger.getLogger(DifyScores.class);

    private DifyScores() {
    }

    static List<Double> of(List<ScoredChunk> passages, Embedder embedder, String query) {
        double[] scores = new double[passages.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Float vectorScore = passages.get(i).trace().vectorScore();
            if (vectorScore != null) {
                scores[i] = clamp(2.0 * vectorScore - 1.0);
            } else {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            try {
                float[] q = embedder.embedQuery(query);
                List<float[]> vectors = embedder.embedDocuments(missing.stream().map(i -> passages.get(i).text())
                        .toList());
                for (int j = 0; j < missing.size(); j++) {
                    scores[missing.get(j)] = clamp(dot(q, vectors.get(j)));
                }
            } catch (RuntimeException e) {
                LOG.warnf("Scoring keyword-only passages failed (%s): they score 0", e.getMessage());
            }
        }
        List<Double> out = new ArrayList<>(scores.length);
        for (double s : scores) {
            out.add(Math.round(s * 10_000) / 10_000.0);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double clamp(double cosine) {
        return Math.max(0.0, Math.min(1.0, cosine));
    }
}
