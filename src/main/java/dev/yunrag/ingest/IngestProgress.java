package dev.yunrag.ingest;

/**
 * Receives progress of a long ingestion (the CLI draws a bar from it). Calls come from the ingesting thread, except
 * {@link #imagesRead}, which comes from the thread parsing the file.
 */
public interface IngestProgress {

    IngestProgress NONE = new IngestProgress() { };

    /** The walk found {@code files} candidate files of {@code bytes} in total. */
    default void started(int files, long bytes) {
    }

    /** One more file is done (whatever its outcome); {@code chunks} were indexed for it. */
    default void fileDone(String source, long bytes, int chunks) {
    }

    /**
     * While {@code source} is parsed, {@code images} of its images and scanned pages have been read (OCR or the
     * vision model, cache hits included); called after each one, before the file is done.
     */
    default void imagesRead(String source, int images) {
    }

    /** A file failed; the batch goes on. */
    default void fileFailed(String source, String reason) {
    }
}
