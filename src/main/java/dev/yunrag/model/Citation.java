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
 * @param origin      {@code ocr} or {@code vision} when the cited text was read from an image (a figure or a scanned
 *                    page), null for the document's own text
 * @param figure      the id of that image ({@link FigureSpan#figure()}), null when {@code origin} is
 * @param thumbnail   where the API serves a downscaled copy of that image, null when {@code origin} is
 */
public record Citation(int n, String chunkId, String documentId, String source, String title, Integer page,
                       Integer pageEnd, List<String> headingPath, int start, int end, String text, String origin,
                       String figure, String thumbnail) {

    /** A citation of text not read from an image. */
    public Citation(int n, String chunkId, String documentId, String source, String title, Integer page,
                    Integer pageEnd, List<String> headingPath, int start, int end, String text) {
        this(n, chunkId, documentId, source, title, page, pageEnd, headingPath, start, end, text, null, null, null);
    }

    /** Citation [n] of the whole passage: its figure is the one it starts in, or else the first inside it. */
    public static Citation of(int n, ScoredChunk passage) {
        Chunk chunk = passage.chunk();
        FigureSpan figure = chunk.figures().isEmpty() ? null : chunk.figures().getFirst();
        return withFigure(new Citation(n, chunk.chunkId(), chunk.documentId(), passage.source(), passage.title(),
                chunk.pageStart(), chunk.pageEnd(), chunk.headingPath(), chunk.start(), chunk.end(), chunk.text()),
                figure);
    }

    private static Citation withFigure(Citation c, FigureSpan figure) {
        if (figure == null) {
            return c;
        }
        return new Citation(c.n(), c.chunkId(), c.documentId(), c.source(), c.title(), c.page(), c.pageEnd(),
                c.headingPath(), c.start(), c.end(), c.text(), figure.origin(), figure.figure(),
                FigureSpan.thumbnailUrl(c.documentId(), figure.figure()));
    }

    /**
     * Citation [n] of {@code passage} for the sentence at document characters [sentenceStart, sentenceEnd): its page
     * and heading path are the sentence's own, not the passage's first ones.
     */
    public static Citation ofSentence(int n, ScoredChunk passage, int sentenceStart, int sentenceEnd) {
        Chunk chunk = passage.chunk();
        int last = Math.max(sentenceStart, sentenceEnd - 1);
        return withFigure(new Citation(n, chunk.chunkId(), chunk.documentId(), passage.source(), passage.title(),
                chunk.pageAt(sentenceStart), chunk.pageAt(last), chunk.headingPathAt(sentenceStart), chunk.start(),
                chunk.end(), chunk.text()), chunk.figureAt(sentenceStart));
    }
}
