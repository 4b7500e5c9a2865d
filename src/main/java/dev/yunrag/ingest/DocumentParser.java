package dev.yunrag.ingest;

import dev.yunrag.model.ParsedDocument;
import java.nio.file.Path;

/** Turns one file into text with its page and heading structure. */
public interface DocumentParser {

    /**
     * Parses {@code file}.
     *
     * @param file   the file to read
     * @param source the name to record as the document's source (path relative to the ingestion root)
     * @return the parsed document, never with blank text
     * @throws IngestFailure with a user-facing reason when the file is too large, corrupt, encrypted, unsupported,
     *                       times out, or has no extractable text
     */
    ParsedDocument parse(Path file, String source) throws IngestFailure;

    /**
     * Parses {@code file} as {@link #parse(Path, String)} does, telling {@code imagesRead} how many images and
     * scanned pages of it have been read so far, each time one more is (from the parsing thread), so that a long
     * OCR'd file shows progress. A parser that reads no images never calls it.
     */
    default ParsedDocument parse(Path file, String source, java.util.function.IntConsumer imagesRead)
            throws IngestFailure {
        return parse(file, source);
    }
}
