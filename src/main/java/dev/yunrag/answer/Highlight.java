package dev.yunrag.answer;

/**
 * A stretch of a cited document that an answer quotes, so the UI can highlight it: characters [start, end) of the
 * document's parsed text (the same coordinates as {@code Chunk.start/end}), belonging to citation [n].
 */
public record Highlight(int n, int start, int end) {
}
