package dev.yunrag.ingest;

/** Receives progress of a long ingestion (the CLI draws a bar from it). Calls come from the ingesting thread. */
public interface IngestProgress {

    IngestProgress NONE = new IngestProgress() { };

    /** The walk found {@code files} candidate files of {@code bytes} in total. */
    default void started(int files, long bytes) {
    }

    /** One more file is done (whatever its outcome); {@code chunks} were indexed for it. */
    default void fileDone(String source, long bytes, int chunks) {
    }

    /** A file failed; the batch goes on. */
    default void fileFailed(String source, String reason) {
    }
}
