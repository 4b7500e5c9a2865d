package dev.yunrag.model;

import java.util.List;

/**
 * A passage of a document, the unit of retrieval and citation.
 *
 * @param documentId  id of the document it belongs to
 * @param ordinal     position among the document's chunks, from 0
 * @param text        exactly {@code documentText.substring(start, end)}
 * @param start       first character, inclusive, in the parsed text
 * @param end         last character, exclusive
 * @param pageStart   first page the chunk touches, null for unpaged formats
 * @param pageEnd     last page the chunk touches, null for unpaged formats
 * @param headingPath the headings in force where the chunk starts, outermost first
 */
public record Chunk(String documentId, int ordinal, String text, int start, int end,
                    Integer pageStart, Integer pageEnd, List<String> headingPath) {

    public Chunk {
        headingPath = List.copyOf(headingPath);
    }

    /** Stable id of this chunk: the document id and the ordinal. */
    public String chunkId() {
        return documentId + "#" + ordinal;
    }
}
