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
 * @param page        first page of the passage, null for unpaged formats
 * @param pageEnd     last page of the passage (a passage can run across a page break), null for unpaged formats
 * @param headingPath headings in force at the passage
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
}
