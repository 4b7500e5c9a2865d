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
 * @param topK       passages for the answer (null = configured)
 * @param filters    metadata filters (null = none)
 */
public record AskRequest(String question, String collection, List<Turn> history, String model, Integer topK,
                         SearchFilter filters) {

    public AskRequest {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
