package dev.yunrag.index;

import dev.yunrag.model.Chunk;
import java.util.List;

/**
 * Everything a collection stores of one document, as stored: its ledger record, its chunks in ordinal order and each
 * chunk's vector (same order). What {@link CollectionMigration} copies from one backend to another without
 * re-embedding; {@link ChunkIndexWriter#upsert} takes it back as it is.
 */
public record StoredDocument(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {

    public StoredDocument {
        chunks = List.copyOf(chunks);
        vectors = List.copyOf(vectors);
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("Document '" + document.documentId() + "' has " + chunks.size()
                    + " chunks but " + vectors.size() + " stored vectors");
        }
    }
}
