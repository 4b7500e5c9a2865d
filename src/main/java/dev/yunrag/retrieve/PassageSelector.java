package dev.yunrag.retrieve;

import dev.yunrag.model.ScoredChunk;
import java.util.List;

/**
 * The select stage of retrieval: the passages an answer gets, taken from the reranked list. This is the only place
 * the prompt's token budget is applied: the prompt numbers exactly the passages selected here.
 * {@link #withinBudget()} is the default.
 */
@FunctionalInterface
public interface PassageSelector {

    /**
     * @param ranked the reranked passages, best first
     * @param topK   at most this many passages
     * @param budget the token budget all selected passage texts share, with the counter to count them
     * @return a sub-list of {@code ranked} in its order; never empty when {@code ranked} is not
     */
    List<ScoredChunk> select(List<ScoredChunk> ranked, int topK, TokenBudget budget);

    /**
     * Passages in rank order up to topK whose texts fit the budget together. A passage that does not fit in what is
     * left is skipped, not the end of the selection: a shorter one below it may still fit. The best passage is always
     * selected, even when it alone exceeds the budget (the prompt then cuts its text, {@link TokenBudget#cut}).
     */
    static PassageSelector withinBudget() {
        return (ranked, topK, budget) -> {
            List<ScoredChunk> selected = new java.util.ArrayList<>();
            int used = 0;
            for (ScoredChunk passage : ranked) {
                if (selected.size() >= topK) {
                    break;
                }
                int cost = budget.count(passage.text());
                if (!selected.isEmpty() && used + cost > budget.tokens()) {
                    continue;
                }
                selected.add(passage);
                used += cost;
            }
            return List.copyOf(selected);
        };
    }
}
