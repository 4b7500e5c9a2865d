package dev.yunrag.retrieve;

/**
 * The search stage of retrieval: the BM25 and the vector candidates of one query, both read from one consistent view
 * of the collection. An implementation never fails because the embedding model is down: it returns the BM25 list
 * alone, an empty vector list and a warning ({@link HybridSearch}).
 */
@FunctionalInterface
public interface CandidateSearch {

    /**
     * @throws UnknownCollectionException when the query names a collection that does not exist
     */
    Candidates search(RetrievalQuery query);
}
