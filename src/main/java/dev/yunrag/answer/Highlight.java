package dev.yunrag.answer;

import dev.yunrag.model.ScoredChunk;
import java.util.List;

/**
 * A stretch of a cited document that an answer quotes, so the UI can highlight it: characters [start, end) of the
 * document's parsed text (the same coordinates as {@code Chunk.start/end}), belonging to citation [n], with the page
 * (null for unpaged formats) and heading path of that very sentence.
 */
public record Highlight(int n, int start, int end, Integer page, List<String> headingPath) {

    public Highlight {
        headingPath = headingPath == null ? List.of() : List.copyOf(headingPath);
    }

    /** The highlight of document characters [start, end) of {@code passage}, cited as [n]. */
    public static Highlight of(int n, ScoredChunk passage, int start, int end) {
        return new Highlight(n, start, end, passage.chunk().pageAt(start), passage.chunk().headingPathAt(start));
    }
}
