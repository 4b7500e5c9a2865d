package dev.yunrag.answer;

import dev.yunrag.model.ScoredChunk;
import java.util.List;

/**
 * The answer stage without a chat model: a cited answer from the selected passages alone, citing them as [1]..[n] in
 * their order. The answer service's one reads every passage it is given, so the request's topK decides how many.
 * {@link ExtractiveAnswerer} is the implementation; the answer flow also uses it when the chat model fails.
 */
@FunctionalInterface
public interface PassageAnswerer {

    /**
     * @param question the user's question, stripped
     * @param passages the selected passages, best first; [n] in the answer is {@code passages.get(n - 1)}
     * @return the answer with its citations, or the "not found" sentence without any
     */
    CitedAnswer answer(String question, List<ScoredChunk> passages);
}
