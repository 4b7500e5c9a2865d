package dev.yunrag.index;

import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.model.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Documents, chunks and vectors the {@link ChunkIndexContract} writes: small, deterministic, real text. */
final class ContractDocuments {

    static final int DIMENSION = 64;
    static final String MODEL = "hashing-64";
    static final IndexSettings SETTINGS = new IndexSettings(MODEL, DIMENSION, "cjk");

    private static final HashingEmbeddingModel EMBED = new HashingEmbeddingModel(DIMENSION);

    private ContractDocuments() {
    }

    /** A unit vector for the text (the hashing model: equal texts, equal vectors; shared words, nearby vectors). */
    static float[] vector(String text) {
        return EMBED.embed(TextSegment.from(text)).content().vector();
    }

    static IndexedDocument ledger(String id, String source, String contentType, long modified, String hash,
                                  int chunks) {
        return new IndexedDocument(id, source, "标题 " + id, contentType, hash, 1234, modified, 99, 2, chunks,
                Map.of("author", "张三", "path", "/data/" + source));
    }

    /** A document's chunks, one per text, two to a page, under a heading path. */
    static List<Chunk> chunks(String documentId, String... texts) {
        List<Chunk> chunks = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < texts.length; i++) {
            chunks.add(new Chunk(documentId, i, texts[i], offset, offset + texts[i].length(), i / 2 + 1, i / 2 + 1,
                    List.of("第一章", "第" + (i + 1) + "节")));
            offset += texts[i].length() + 1;
        }
        return chunks;
    }

    static List<float[]> vectors(List<Chunk> chunks) {
        return chunks.stream().map(chunk -> vector(chunk.text())).toList();
    }

    /** Writes a document with one chunk per text (uncommitted). */
    static void put(ChunkIndexWriter writer, IndexedDocument document, String... texts) {
        List<Chunk> chunks = chunks(document.documentId(), texts);
        writer.upsert(document, chunks, vectors(chunks));
    }

    /** Writes a plain-text document {@code id} at {@code source} (uncommitted). */
    static void put(ChunkIndexWriter writer, String id, String source, String... texts) {
        put(writer, ledger(id, source, "text/plain", 1_000, "hash-" + id, texts.length), texts);
    }

    /**
     * Version {@code v} of document "doc": {@code v % 4 + 1} chunks, each naming its version, so a reader can tell
     * a mix of versions from a whole one.
     */
    static void putVersion(ChunkIndexWriter writer, int v) {
        String[] texts = new String[v % 4 + 1];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "v" + v + " 共同的段落 第" + i + "段 年假制度说明";
        }
        put(writer, ledger("doc", "versions.txt", "text/plain", 1_000, "v" + v, texts.length), texts);
    }

    /** The version a chunk of {@link #putVersion} names. */
    static String versionOf(String chunkText) {
        return chunkText.substring(0, chunkText.indexOf(' '));
    }
}
