package dev.yunrag.ingest;

import dev.yunrag.model.Chunk;

/**
 * The text embedded for a chunk: the document title and heading path before the passage, since a passage often does
 * not name what it is about ("it was founded in 1998"). The stored and cited text stays the bare passage.
 */
public final class EmbeddingText {

    private EmbeddingText() {
    }

    public static String of(String title, Chunk chunk) {
        StringBuilder context = new StringBuilder();
        if (title != null && !title.isBlank() && !chunk.text().startsWith(title)) {
            context.append(title);
        }
        for (String heading : chunk.headingPath()) {
            if (!heading.equals(title) && !chunk.text().startsWith(heading)) {
                context.append(context.isEmpty() ? "" : " / ").append(heading);
            }
        }
        return context.isEmpty() ? chunk.text() : context + "\n" + chunk.text();
    }
}
