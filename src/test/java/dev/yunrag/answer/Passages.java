package dev.yunrag.answer;

import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.List;

/** Builds retrieved passages for tests: a chunk is always an exact substring of its document text. */
final class Passages {

    private Passages() {
    }

    static ScoredChunk of(String documentText, String chunkText, String title, Integer page, String... headings) {
        int start = documentText.indexOf(chunkText);
        if (start < 0) {
            throw new IllegalArgumentException("chunk is not in the document");
        }
        Chunk chunk = new Chunk("doc-" + title, 0, chunkText, start, start + chunkText.length(), page, page,
                List.of(headings));
        return new ScoredChunk(chunk, title + ".txt", title, "text/plain", RankTrace.NONE);
    }

    static ScoredChunk of(String text, String title) {
        return of(text, text, title, null);
    }
}
