package dev.yunrag.index.lucene;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.embed.VectorMath;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.Chunk;
import java.util.List;
import java.util.Map;

/** Test collections of one-chunk documents with unit-length hashed vectors (64-d): ids d0, d1, ... */
final class OneChunkDocuments {

    static final int DIMENSION = 64;
    private static final HashingEmbeddingModel EMBED = new HashingEmbeddingModel(DIMENSION);

    private OneChunkDocuments() {
    }

    static float[] vector(String text) {
        return VectorMath.normalized(EMBED.embed(TextSegment.from(text)).content().vector());
    }

    /** Writes (or replaces) document {@code d<i>} with one chunk of {@code text}. */
    static void put(LuceneIndexWriter writer, int i, String text) {
        String id = "d" + i;
        writer.upsert(new IndexedDocument(id, id + ".txt", id, "text/plain", "h" + i, 1, 0, 0, 0, 1, Map.of()),
                List.of(new Chunk(id, 0, text, 0, text.length(), null, null, List.of())), List.of(vector(text)));
    }

    /** A distinct short text for document {@code i}. */
    static String text(int i) {
        return "第" + i + "条：员工" + (i % 7) + "类补贴按" + (i * 37 % 101) + "元计算，报销" + (i % 3) + "次。";
    }
}
