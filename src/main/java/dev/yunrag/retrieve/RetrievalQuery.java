package dev.yunrag.retrieve;

import dev.yunrag.index.SearchFilter;

/**
 * One retrieval request.
 *
 * @param collection collection to search
 * @param text       the (standalone) question or search query
 * @param topK       passages to select for the answer (null = configured default)
 * @param filter     metadata restrictions
 */
public record RetrievalQuery(String collection, String text, Integer topK, SearchFilter filter) {
}
