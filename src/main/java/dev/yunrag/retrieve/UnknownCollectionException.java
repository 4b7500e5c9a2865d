package dev.yunrag.retrieve;

/** The request names a collection that does not exist. */
public class UnknownCollectionException extends RuntimeException {

    private final String collection;

    public UnknownCollectionException(String collection) {
        super("Collection '" + collection + "' does not exist. Ingest documents into it first"
                + " (./yunrag ingest PATH --collection " + collection + ").");
        this.collection = collection;
    }

    public String collection() {
        return collection;
    }
}
