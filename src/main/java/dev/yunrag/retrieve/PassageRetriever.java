package dev.yunrag.retrieve;

/**
 * The retrieve stage of the answer flow: a question in, the passages for its answer out, with every stage's list,
 * timings and warnings. {@link HybridRetriever} is the implementation; an answer flow test hands in a stand-in.
 */
@FunctionalInterface
public interface PassageRetriever {

    /**
     * @throws UnknownCollectionException when the query names a collection that does not exist
     */
    RetrievalResult retrieve(RetrievalQuery query);
}
