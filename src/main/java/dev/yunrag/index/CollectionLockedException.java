package dev.yunrag.index;

/** Another process (or request) is writing to the collection. */
public class CollectionLockedException extends RuntimeException {

    public CollectionLockedException(String collection, Throwable cause) {
        super("Collection '" + collection + "' is being written by another YunRAG process or request (a running"
                + " ingest, or an upload to the server). Wait for it to finish and try again.", cause);
    }
}
