package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.lucene.LuceneChunkIndex;
import dev.yunrag.index.lucene.LuceneCollections;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;

/** What every test that abuses ingestion checks afterwards: Lucene's CheckIndex, and ledger and chunks agreeing. */
final class IndexSoundness {

    private IndexSoundness() {
    }

    /**
     * Asserts that the collection's index (if one was committed) is clean and that every ledger record's chunk count
     * is the number of its chunks in the index, and their sum the index's chunk count. Returns the stats, or null when
     * there is no index.
     */
    static IndexStats assertSound(Path dataDir, String collection) throws IOException {
        Path indexDir;
        try (LuceneCollections store = new LuceneCollections(dataDir)) {
            indexDir = store.indexPath(collection); // the index in force (a restore or re-index built another one)
        }
        if (!LuceneChunkIndex.exists(indexDir)) {
            return null;
        }
        try (FSDirectory dir = FSDirectory.open(indexDir); CheckIndex check = new CheckIndex(dir)) {
            assertThat(check.checkIndex().clean).as("CheckIndex clean").isTrue();
        }
        try (LuceneCollections store = new LuceneCollections(dataDir)) {
            ChunkIndex index = store.find(collection).orElseThrow();
            List<IndexedDocument> docs = index.documents();
            int chunks = 0;
            for (IndexedDocument doc : docs) {
                assertThat(index.chunksOf(doc.documentId())).as(doc.source()).hasSize(doc.chunkCount());
                chunks += doc.chunkCount();
            }
            IndexStats stats = index.stats();
            assertThat(stats.chunks()).isEqualTo(chunks);
            assertThat(stats.documents()).isEqualTo(docs.size());
            return stats;
        }
    }
}
