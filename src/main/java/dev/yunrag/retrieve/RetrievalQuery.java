package dev.yunrag.retrieve;

import dev.yunrag.index.SearchFilter;

/**
 * One retrieval request.
 *
 * @param collection         collection to search
 * @param text               the (standalone) question or search query
 * @param topK               passages to select (null = configured default, {@code yunrag.retrieval.top-k})
 * @param filter             metadata restrictions
 * @param reranker           reranking for this request only ({@code lexical-coverage}, {@code none}, or the remote
 *                           reranker's name); null = the collection's own ({@link RankingPolicy})
 * @param bm25Weight         weight of the BM25 list in the fusion for this request only (the vector list weighs 1);
 *                           null = the collection's language default
 * @param withinPromptBudget true when the selected passages go into a prompt and must fit its token budget; false
 *                           for search results, which are the reranked head up to topK
 */
public record RetrievalQuery(String collection, String text, Integer topK, SearchFilter filter, String reranker,
                             Double bm25Weight, boolean withinPromptBudget) {

    public RetrievalQuery {
        if (bm25Weight != null && (bm25Weight < 0 || bm25Weight.isNaN())) {
            throw new IllegalArgumentException("The BM25 weight must be 0 or more, was " + bm25Weight);
        }
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, was " + topK);
        }
    }

    /** A request for an answer's passages with its own ranking choices. */
    public RetrievalQuery(String collection, String text, Integer topK, SearchFilter filter, String reranker,
                          Double bm25Weight) {
        this(collection, text, topK, filter, reranker, bm25Weight, true);
    }

    /** A request for an answer's passages with the collection's own ranking. */
    public RetrievalQuery(String collection, String text, Integer topK, SearchFilter filter) {
        this(collection, text, topK, filter, null, null, true);
    }

    /** A search: the best {@code topK} reranked passages, no prompt budget. */
    public static RetrievalQuery search(String collection, String text, int topK, SearchFilter filter) {
        return new RetrievalQuery(collection, text, topK, filter, null, null, false);
    }
}
