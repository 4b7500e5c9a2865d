package dev.yunrag.answer;

import dev.yunrag.index.SearchFilter;
import java.util.List;

/**
 * A question to answer.
 *
 * @param question   the user's question
 * @param collection collection to search (null = default)
 * @param history    earlier turns, oldest first (may be empty)
 * @param model      answer model name or alias (null = default)
 * @param topK       passages for the answer, 1 to {@value #MAX_TOP_K} (null = configured,
 *                   {@code yunrag.retrieval.top-k}); every answer mode reads exactly these
 * @param filters    metadata filters (null = none)
 * @param images     images sent with the question (empty when none), read by {@link ImageQuestion}
 */
public record AskRequest(String question, String collection, List<Turn> history, String model, Integer topK,
                         SearchFilter filters, List<QuestionImage> images) {

    /** A question without images. */
    public AskRequest(String question, String collection, List<Turn> history, String model, Integer topK,
                      SearchFilter filters) {
        this(question, collection, history, model, topK, filters, List.of());
    }

    /** Most passages one answer may be given: more only dilutes the prompt and slows the extractive answer. */
    public static final int MAX_TOP_K = 50;

    public AskRequest {
        history = history == null ? List.of() : List.copyOf(history);
        images = images == null ? List.of() : List.copyOf(images);
        checkTopK(topK);
    }

    /**
     * @throws IllegalArgumentException when {@code topK} is outside 1 to {@value #MAX_TOP_K} (null is the default)
     */
    public static void checkTopK(Integer topK) {
        if (topK != null && (topK < 1 || topK > MAX_TOP_K)) {
            throw new IllegalArgumentException("topK must be between 1 and " + MAX_TOP_K + ", was " + topK);
        }
    }
}
