package dev.yunrag.ingest;

/**
 * A file that cannot be ingested, with a reason a user can act on ("encrypted PDF", "no extractable text ...").
 * Batch ingestion reports it and goes on.
 */
public class IngestFailure extends Exception {

    public IngestFailure(String reason) {
        super(reason);
    }

    public IngestFailure(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The user-facing reason. */
    public String reason() {
        return getMessage();
    }
}
