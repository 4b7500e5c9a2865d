package dev.yunrag.index;

/**
 * A writer asked for a collection built with another embedding model: vectors of two models cannot be compared, so
 * the collection is refused (a re-index with the new model rebuilds it instead).
 */
public class CollectionMismatchException extends IllegalStateException {

    public CollectionMismatchException(String collection, IndexSettings current, String wanted) {
        super("Collection '" + collection + "' was built with embedding model " + current.embeddingModel() + " ("
                + current.dimension() + " dims), not " + wanted + ". Vectors of different models cannot be mixed:"
                + " re-ingest everything with `ingest --reindex --embedding-model " + wanted + " PATH...`, or use"
                + " another collection.");
    }
}
