package dev.yunrag.retrieve;

import dev.yunrag.index.SearchFilter;

/**
 * One retrieval request.
 *
 * @param collection collection to search
 * @param text       the (standalone) question or search query
 * @param topK       passages to select for the answer (null = configured default)
 * @param filter     metadata restrictions
 * @param reranker   reranking for this request only ({@code lexical-coverage}, {@code none}, or the remote reranker's
 *                   name); null = the collection's own ({@link RankingPolicy})
 * @param bm25Weight weight of the BM25 list in the fusion for this request only (the vector list weighs 1); null =
 *                   the collection's language default
 */
public record RetrievalQuery(String collection, String text, Integer topK, SearchFilter filter, String reranker,
                             Double bm25Weight) {

    public RetrievalQuery {
        if (bm25Weight != null && (bm25Weight < 0 || bm25Weight.isNaN())) {
            throw new IllegalArgumentException("The BM25 weight must be 0 or more, was " + bm25Weight);
        }
    }

    /** A request with the collection's own ranking. */
    public RetrievalQuery(String collection, String text, Integer topK, SearchFilter filter) {
        this(collection, text, topK, filter, null, null);
    }
}
