package dev.yunrag.retrieve;

import dev.yunrag.embed.TokenCounter;
import dev.yunrag.text.SentenceSplitter;
import java.util.Objects;

/**
 * The tokens all passages of one prompt may use together, and the counter they are counted with: the collection's
 * own embedding model's tokenizer, the one its chunks were cut with ({@code yunrag.retrieval.prompt-token-budget}).
 * Selection ({@link PassageSelector}) and the prompt share this one budget.
 *
 * @param tokens  the budget; {@link Integer#MAX_VALUE} for none (search results, which make no prompt)
 * @param counter how to count
 */
public record TokenBudget(int tokens, TokenCounter counter) {

    public TokenBudget {
        if (tokens <= 0) {
            throw new IllegalArgumentException("The prompt token budget must be positive, was " + tokens);
        }
        Objects.requireNonNull(counter, "counter");
    }

    /** No budget: every passage fits. */
    public static TokenBudget unlimited(TokenCounter counter) {
        return new TokenBudget(Integer.MAX_VALUE, counter);
    }

    public int count(String text) {
        return counter.count(text);
    }

    /**
     * {@code text} cut to the budget when it alone exceeds it: whole sentences while they fit, else a character cut,
     * with "…" marking the cut. Text within the budget is returned unchanged.
     */
    public String cut(String text) {
        if (counter.count(text) <= tokens) {
            return text;
        }
        int end = 0;
        for (SentenceSplitter.Span span : SentenceSplitter.split(text)) {
            if (counter.count(text.substring(0, span.end())) > tokens) {
                break;
            }
            end = span.end();
        }
        if (end == 0) {
            int low = 0;
            int high = text.length();
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (counter.count(text.substring(0, mid)) <= tokens) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            end = low;
            if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a supplementary character
            }
        }
        return text.substring(0, end) + "…";
    }
}
