package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.Chunk;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With two replicas per shard, {@code kill -9} of one Solr node's process loses nothing and fails no read: every
 * search and ledger read made while the node is dead returns the whole collection's answers, and after the node comes
 * back on its port and data, a write and a commit go through and every replica is readable again. (The full
 * fault run, 10 clients and an ingest during the kill, builds on this.)
 */
@Tag("slow")
@Tag("solr")
@ExtendWith(SolrCloudExtension.class)
class SolrReplicaSurvivalTest {

    private static final int DIMENSION = 32;
    private static final HashingEmbeddingModel EMBED = new HashingEmbeddingModel(DIMENSION);
    private static final int DOCUMENTS = 12;

    @Test
    void killingOneNodeFailsNoReadAndLosesNothing(LocalSolrCloud cloud) throws Exception {
        assumeTrue(cloud.managesProcesses(), "needs the test's own cluster to kill a node");
        try (SolrCollectionCatalog catalog = SolrCollectionCatalog.connect(cloud.settings(2, 2))) {
            catalog.drop("survival");
            ChunkIndex index = catalog.openOrCreate("survival", new IndexSettings("hashing-32", DIMENSION, "cjk"));
            try (ChunkIndexWriter writer = index.openWriter()) {
                for (int d = 0; d < DOCUMENTS; d++) {
                    write(writer, "doc" + d, d);
                }
                writer.commit();
            }

            cloud.killNode(1);
            int reads = 0;
            for (int round = 0; round < 20; round++) {
                assertWhole(index);
                reads++;
            }

            cloud.restartNode(1);
            try (ChunkIndexWriter writer = index.openWriter()) {
                write(writer, "after-restart", DOCUMENTS);
                writer.commit();
            }
            for (int round = 0; round < 10; round++) {
                try (IndexView view = index.snapshot()) {
                    assertThat(view.documentCount()).isEqualTo(DOCUMENTS + 1);
                    assertThat(view.chunkCount()).isEqualTo(2 * (DOCUMENTS + 1));
                }
            }
            System.out.printf("replica survival: %d whole reads with node 2 killed, 0 failed%n", reads);
            catalog.drop("survival");
        }
    }

    private static void assertWhole(ChunkIndex index) {
        try (IndexView view = index.snapshot()) {
            assertThat(view.documentCount()).isEqualTo(DOCUMENTS);
            assertThat(view.chunkCount()).isEqualTo(2 * DOCUMENTS);
            assertThat(view.documents()).hasSize(DOCUMENTS);
            assertThat(view.searchBm25("年假", 50, SearchFilter.NONE)).hasSize(DOCUMENTS);
            assertThat(view.searchVector(vector("第5份 年假制度"), 50, SearchFilter.NONE)).hasSize(2 * DOCUMENTS);
            assertThat(view.chunksOf("doc3")).hasSize(2);
        }
    }

    private static void write(ChunkIndexWriter writer, String id, int n) {
        List<Chunk> chunks = List.of(
                new Chunk(id, 0, "第" + n + "份 年假制度", 0, 8, null, null, List.of()),
                new Chunk(id, 1, "第" + n + "份 差旅标准", 9, 17, null, null, List.of()));
        List<float[]> vectors = new ArrayList<>();
        for (Chunk chunk : chunks) {
            vectors.add(vector(chunk.text()));
        }
        writer.upsert(new IndexedDocument(id, id + ".txt", id, "text/plain", "h" + n, 10, 1_000, 2_000, 0, 2,
                Map.of()), chunks, vectors);
    }

    private static float[] vector(String text) {
        return EMBED.embed(TextSegment.from(text)).content().vector();
    }
}
