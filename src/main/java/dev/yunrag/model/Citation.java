package dev.yunrag.model;

import java.util.List;

/**
 * A numbered source that an answer cites as [n]: enough for a person to open the document and check the passage.
 *
 * @param n           the number used in the answer text
 * @param chunkId     the cited chunk
 * @param documentId  the document it belongs to
 * @param source      source path or upload name
 * @param title       document title
 * @param page        the page of the cited sentence (the passage's first page when no sentence is known, as for a
 *                    generated answer), null for unpaged formats
 * @param pageEnd     the page the cited sentence ends on (the passage's last page when no sentence is known), null
 *                    for unpaged formats
 * @param headingPath headings in force at the cited sentence (at the passage start when no sentence is known)
 * @param start       first character of the passage in the document's parsed text
 * @param end         end (exclusive) of the passage
 * @param text        the passage
 */
public record Citation(int n, String chunkId, String documentId, String source, String title, Integer page,
                       Integer pageEnd, List<String> headingPath, int start, int end, String text) {

    public static Citation of(int n, ScoredChunk passage) {
        Chunk chunk = passage.chunk();
        return new Citation(n, chunk.chunkId(), chunk.documentId(), passage.source(), passage.title(),
                chunk.pageStart(), chunk.pageEnd(), chunk.headingPath(), chunk.start(), chunk.end(), chunk.text());
    }

    /**
     * Citation [n] of {@code passage} for the sentence at document characters [sentenceStart, sentenceEnd): its page
     * and heading path are the sentence's own, not the passage's first ones.
     */
    public static Citation ofSentence(int n, ScoredChunk passage, int sentenceStart, int sentenceEnd) {
        Chunk chunk = passage.chunk();
        int last = Math.max(sentenceStart, sentenceEnd - 1);
        return new Citation(n, chunk.chunkId(), chunk.documentId(), passage.source(), passage.title(),
                chunk.pageAt(sentenceStart), chunk.pageAt(last), chunk.headingPathAt(sentenceStart), chunk.start(),
                chunk.end(), chunk.text());
    }
}
