package dev.yunrag.ingest;

/**
 * How to ingest.
 *
 * @param collection     target collection
 * @param embeddingModel embedding model id for a new collection (or a re-index); null = the collection's own, else
 *                       the configured default
 * @param prune          delete documents under the given directories whose files are gone
 * @param reindex        rebuild every document, even unchanged ones
 */
public record IngestOptions(String collection, String embeddingModel, boolean prune, boolean reindex) {
}
