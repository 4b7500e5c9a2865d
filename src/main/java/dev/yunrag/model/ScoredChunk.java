package dev.yunrag.model;

/**
 * A retrieved passage with the document facts a citation needs and its rank trace.
 *
 * @param chunk       the passage
 * @param source      the document's source path (relative to its ingestion root) or upload name
 * @param title       the document's title
 * @param contentType the document's media type
 * @param trace       ranks and scores per retrieval stage
 */
public record ScoredChunk(Chunk chunk, String source, String title, String contentType, RankTrace trace) {

    public ScoredChunk withTrace(RankTrace newTrace) {
        return new ScoredChunk(chunk, source, title, contentType, newTrace);
    }

    public String chunkId() {
        return chunk.chunkId();
    }

    public String text() {
        return chunk.text();
    }
}
