package dev.yunrag.rerank;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reorders fused candidates with a LangChain4j {@link ScoringModel} (the remote cross-encoder, or the embedded
 * re-scoring step). When the model fails, the fused order is kept and a warning says so: a reranker outage must not
 * fail a question.
 */
public class Reranker {

    private static final Logger LOG = Logger.getLogger(Reranker.class);

    private final String name;
    private final ScoringModel model;

    /** @param model null to pass the fused order through */
    public Reranker(String name, ScoringModel model) {
        this.name = model == null ? "none" : name;
        this.model = model;
    }

    public String name() {
        return name;
    }

    /** How the passages are ordered when reranking fails, as a rerank warning says it. */
    public static final String FUSED_ORDER = "fused (BM25 + vector) order";
    public static final String BM25_ORDER = "BM25 keyword order only (the query embedding failed too)";

    /** The warning of a reranker that failed: which one, why, and the order the passages are in instead. */
    public static String unavailable(String name, RuntimeException e, String fallbackOrder) {
        return "Reranking (" + name + ") is unavailable: " + e.getMessage() + ". Passages are in " + fallbackOrder
                + ".";
    }

    public List<ScoredChunk> rerank(String query, List<ScoredChunk> candidates, Consumer<String> warnings) {
        return rerank(query, candidates, warnings, FUSED_ORDER);
    }

    /** @param fallbackOrder the order the candidates are in, named in the warning when reranking fails */
    public List<ScoredChunk> rerank(String query, List<ScoredChunk> candidates, Consumer<String> warnings,
                                    String fallbackOrder) {
        if (model == null || candidates.isEmpty()) {
            return candidates;
        }
        List<Double> scores;
        try {
            List<TextSegment> segments = candidates.stream().map(c -> TextSegment.from(c.text())).toList();
            Response<List<Double>> response = model.scoreAll(segments, query);
            scores = response.content();
            if (scores == null || scores.size() != candidates.size()) {
                throw new IllegalStateException("reranker returned " + (scores == null ? 0 : scores.size())
                        + " scores for " + candidates.size() + " passages");
            }
        } catch (RuntimeException e) {
            LOG.warnf("Reranker %s failed: %s", name, e.getMessage());
            warnings.accept(unavailable(name, e, fallbackOrder));
            return candidates;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores.get(i)).thenComparingInt(i -> i));
        List<ScoredChunk> reranked = new ArrayList<>(candidates.size());
        for (int rank = 0; rank < order.size(); rank++) {
            int i = order.get(rank);
            ScoredChunk c = candidates.get(i);
            reranked.add(c.withTrace(c.trace().withRerank(rank + 1, scores.get(i))));
        }
        return reranked;
    }
}
