package dev.yunrag.retrieve;

import dev.yunrag.embed.TokenCounter;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import java.util.Map;

/**
 * Everything one retrieval produced, stage by stage, so that users (and the evaluation) can see why a passage ranked
 * where it did.
 *
 * @param bm25     BM25 hits, best first
 * @param vector   kNN hits, best first (empty when embeddings were unavailable)
 * @param fused    reciprocal-rank fusion of both, near-duplicates collapsed
 * @param reranked the fused candidates after reranking (the fused order when no reranker ran)
 * @param selected the passages for the answer (or the search results): the head of {@code reranked} within the topK
 *                 and the token budget
 * @param reranker which reranker ran ("none" when passing through)
 * @param timings  milliseconds per stage (to 0.01 ms)
 * @param warnings degradations the user should know about
 * @param budget   the token budget {@code selected} was chosen within, with the collection's token counter: the prompt
 *                 uses the same one
 */
public record RetrievalResult(List<ScoredChunk> bm25, List<ScoredChunk> vector, List<ScoredChunk> fused,
                              List<ScoredChunk> reranked, List<ScoredChunk> selected, String reranker,
                              Map<String, Double> timings, List<String> warnings, TokenBudget budget) {

    /** A result selected without a budget, counted with the tokenizer-free approximation. */
    public RetrievalResult(List<ScoredChunk> bm25, List<ScoredChunk> vector, List<ScoredChunk> fused,
                           List<ScoredChunk> reranked, List<ScoredChunk> selected, String reranker,
                           Map<String, Double> timings, List<String> warnings) {
        this(bm25, vector, fused, reranked, selected, reranker, timings, warnings,
                TokenBudget.unlimited(TokenCounter.approximate()));
    }

    /** The token counter of the collection's embedding model, which {@code selected} was budgeted with. */
    public TokenCounter tokens() {
        return budget.counter();
    }
}
