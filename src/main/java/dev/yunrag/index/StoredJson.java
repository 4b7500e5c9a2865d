package dev.yunrag.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.FigureSpan;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.SectionStart;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms a backend stores for a document's metadata and a chunk's inner page and heading boundaries. One
 * class for every backend, so a collection reads the same on Lucene and on SolrCloud and can move between them as is.
 */
public final class StoredJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A chunk's inner page spans and heading starts (both empty when the chunk crosses none), and the parts of it
     * read from images (empty when none; absent in chunks stored before figures were recorded).
     */
    public record Boundaries(List<PageSpan> pages, List<SectionStart> sections, List<FigureSpan> figures) {
        public static final Boundaries NONE = new Boundaries(List.of(), List.of(), List.of());
    }

    /** The boundaries JSON to store with {@code chunk}; null when it has none to record. */
    public static String boundariesOf(Chunk chunk) {
        if (chunk.pages().isEmpty() && chunk.sections().isEmpty() && chunk.figures().isEmpty()) {
            return null;
        }
        return write(new Boundaries(chunk.pages(), chunk.sections(), chunk.figures()));
    }

    private StoredJson() {
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stored metadata; none when absent or unreadable (a listing must not fail on one bad record). */
    public static Map<String, String> metadata(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** Stored boundaries; none when absent (chunks indexed before the field existed) or unreadable. */
    public static Boundaries boundaries(String json) {
        if (json == null || json.isEmpty()) {
            return Boundaries.NONE;
        }
        try {
            Boundaries read = JSON.readValue(json, Boundaries.class);
            return new Boundaries(read.pages() == null ? List.of() : read.pages(),
                    read.sections() == null ? List.of() : read.sections(),
                    read.figures() == null ? List.of() : read.figures());
        } catch (JsonProcessingException e) {
            return Boundaries.NONE; // cite the passage's first page and heading rather than fail a search
        }
    }
}
