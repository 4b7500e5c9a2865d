package dev.yunrag.index;

import java.util.Map;

/**
 * A document as the collection's ledger knows it. The ledger lives inside the Lucene index (one record per document,
 * written in the same atomic update as its chunks), so ledger and chunks can never disagree after a crash.
 *
 * @param documentId  stable id derived from the source
 * @param source      source path relative to the ingestion root, or upload name
 * @param title       document title
 * @param contentType detected media type
 * @param contentHash SHA-256 of the file's bytes; an equal hash means unchanged
 * @param sizeBytes   file size
 * @param modified    file modification time, epoch milliseconds
 * @param ingestedAt  when this version was indexed, epoch milliseconds
 * @param pages       page count for paged formats, else 0
 * @param chunkCount  number of chunks indexed
 * @param metadata    selected metadata (author, dates ...)
 */
public record IndexedDocument(String documentId, String source, String title, String contentType, String contentHash,
                              long sizeBytes, long modified, long ingestedAt, int pages, int chunkCount,
                              Map<String, String> metadata) {

    public IndexedDocument {
        metadata = Map.copyOf(metadata);
    }
}
