package dev.yunrag.api;

import dev.yunrag.answer.AskRequest;
import dev.yunrag.answer.Turn;
import java.util.List;

/**
 * {@code POST /api/ask} body.
 *
 * @param question   the question (required, at most 2000 characters)
 * @param collection collection to search (default: the configured default collection)
 * @param history    earlier turns of the conversation, oldest first: [{role: user|assistant, content}]
 * @param model      answer model: TianQing-72B (default), DeepSeek-R1-32B (or an alias such as deepseek-r1), or
 *                   {@code extractive}
 * @param topK       passages handed to the answer, generated or extractive (1-50; default
 *                   {@code yunrag.retrieval.top-k}, 6)
 * @param filters    metadata filters
 * @param images     images sent with the question, as data URIs ({@code data:image/png;base64,...}; PNG, JPEG, GIF,
 *                   BMP, WebP, TIFF; at most 4, and the whole body within {@code yunrag.security.max-json-bytes})
 */
public record AskBody(String question, String collection, List<Turn> history, String model, Integer topK,
                      Filters filters, List<String> images) {

    /** Most history turns accepted; older ones are dropped (they only cost tokens). */
    static final int MAX_HISTORY = 20;

    AskRequest toRequest() {
        AskRequest.checkTopK(topK);
        List<Turn> turns = history == null ? List.of()
                : history.stream().filter(t -> t != null && t.role() != null).toList();
        if (turns.size() > MAX_HISTORY) {
            turns = turns.subList(turns.size() - MAX_HISTORY, turns.size());
        }
        return new AskRequest(question, collection, turns, model, topK, Filters.toSearchFilter(filters),
                dev.yunrag.answer.QuestionImage.fromDataUris(images));
    }
}
