package dev.yunrag.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import dev.langchain4j.data.segment.TextSegment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneChunkIndexTest {

    private static final HashingEmbeddingModel EMBED = new HashingEmbeddingModel(64);
    private static final IndexSettings SETTINGS = new IndexSettings("hashing", 64, Analyzers.CJK);

    @TempDir
    Path dir;

    private static float[] vector(String text) {
        return EMBED.embed(TextSegment.from(text)).content().vector();
    }

    private static IndexedDocument doc(String id, String source, String contentType, long modified, int chunks) {
        return new IndexedDocument(id, source, "标题" + id, contentType, "hash-" + id, 100, modified, 0, 0, chunks,
                Map.of("author", "张三"));
    }

    private static void put(LuceneIndexWriter writer, IndexedDocument doc, String... texts) {
        List<Chunk> chunks = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < texts.length; i++) {
            chunks.add(new Chunk(doc.documentId(), i, texts[i], offset, offset + texts[i].length(), i + 1, i + 1,
                    List.of("第一章", "第" + (i + 1) + "节")));
            vectors.add(vector(texts[i]));
            offset += texts[i].length() + 1;
        }
        writer.upsert(doc, chunks, vectors);
    }

    @Test
    void roundTripsChunksWithTheirMetadataAcrossReopen() throws Exception {
        Path path = dir.resolve("c1");
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c1", path, SETTINGS);
             LuceneIndexWriter writer = index.openWriter()) {
            put(writer, doc("a", "docs/a.pdf", "application/pdf", 1000, 2), "员工每年享有十五天带薪年假。", "差旅住宿标准为每晚六百元。");
            writer.commit();
        }
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c1", path, null)) {
            assertThat(index.settings()).isEqualTo(SETTINGS);
            List<ScoredChunk> hits = index.searchBm25("年假有多少天", 5, SearchFilter.NONE);
            assertThat(hits).isNotEmpty();
            ScoredChunk top = hits.getFirst();
            assertThat(top.text()).isEqualTo("员工每年享有十五天带薪年假。");
            assertThat(top.source()).isEqualTo("docs/a.pdf");
            assertThat(top.title()).isEqualTo("标题a");
            assertThat(top.chunk().pageStart()).isEqualTo(1);
            assertThat(top.chunk().headingPath()).containsExactly("第一章", "第1节");
            assertThat(top.chunk().start()).isZero();
            assertThat(top.trace().bm25Rank()).isEqualTo(1);
            assertThat(top.trace().bm25Score()).isPositive();
            assertThat(index.documents()).singleElement().satisfies(d -> {
                assertThat(d.contentHash()).isEqualTo("hash-a");
                assertThat(d.chunkCount()).isEqualTo(2);
                assertThat(d.metadata()).containsEntry("author", "张三");
            });
            assertThat(index.chunksOf("a")).extracting(Chunk::ordinal).containsExactly(0, 1);
        }
    }

    @Test
    void vectorSearchFindsTheNearestChunkFirst() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", dir.resolve("c"), SETTINGS);
             LuceneIndexWriter writer = index.openWriter()) {
            put(writer, doc("a", "a.txt", "text/plain", 0, 3), "员工每年享有十五天带薪年假。", "差旅住宿标准为每晚六百元。",
                    "信息安全要求密码至少十二位。");
            writer.commit();
            List<ScoredChunk> hits = index.searchVector(vector("差旅住宿标准"), 3, SearchFilter.NONE);
            assertThat(hits.getFirst().text()).isEqualTo("差旅住宿标准为每晚六百元。");
            assertThat(hits.getFirst().trace().vectorRank()).isEqualTo(1);
            assertThat(hits).hasSize(3);
        }
    }

    @Test
    void replacingADocumentSwapsAllItsChunksAtOnce() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", dir.resolve("c"), SETTINGS);
             LuceneIndexWriter writer = index.openWriter()) {
            put(writer, doc("a", "a.txt", "text/plain", 0, 3), "旧版本第一段。", "旧版本第二段。", "旧版本第三段。");
            writer.commit();
            put(writer, doc("a", "a.txt", "text/plain", 0, 1), "新版本唯一一段。");
            // Not yet committed: searches still see the whole old version.
            assertThat(index.chunksOf("a")).hasSize(3);
            writer.commit();
            assertThat(index.chunksOf("a")).extracting(Chunk::text).containsExactly("新版本唯一一段。");
            assertThat(index.searchBm25("旧版本", 10, SearchFilter.NONE))
                    .noneSatisfy(hit -> assertThat(hit.text()).contains("旧版本"));
            assertThat(index.liveDocs()).isEqualTo(2); // one ledger record + one chunk
        }
    }

    @Test
    void filtersRestrictBySourcePrefixTypeAndModificationTime() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", dir.resolve("c"), SETTINGS);
             LuceneIndexWriter writer = index.openWriter()) {
            put(writer, doc("a", "hr/leave.pdf", "application/pdf", 1_000, 1), "年假政策说明。");
            put(writer, doc("b", "it/security.html", "text/html", 5_000, 1), "年假期间的账号安全。");
            writer.commit();
            assertThat(index.searchBm25("年假", 10, new SearchFilter("hr/", null, null)))
                    .extracting(ScoredChunk::source).containsExactly("hr/leave.pdf");
            assertThat(index.searchBm25("年假", 10, new SearchFilter(null, "text/html", null)))
                    .extracting(ScoredChunk::source).containsExactly("it/security.html");
            assertThat(index.searchVector(vector("年假"), 10, new SearchFilter(null, null, Instant.ofEpochMilli(2_000))))
                    .extracting(ScoredChunk::source).containsExactly("it/security.html");
        }
    }

    @Test
    void deleteRemovesTheDocumentAndItsChunks() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", dir.resolve("c"), SETTINGS);
             LuceneIndexWriter writer = index.openWriter()) {
            put(writer, doc("a", "a.txt", "text/plain", 0, 1), "第一份文件。");
            put(writer, doc("b", "b.txt", "text/plain", 0, 1), "第二份文件。");
            writer.commit();
            writer.delete("a");
            writer.commit();
            assertThat(index.documents()).extracting(IndexedDocument::documentId).containsExactly("b");
            assertThat(index.stats().chunks()).isEqualTo(1);
        }
    }

    @Test
    void uncommittedWritesAreDiscardedOnClose() throws Exception {
        Path path = dir.resolve("c");
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", path, SETTINGS)) {
            try (LuceneIndexWriter writer = index.openWriter()) {
                put(writer, doc("a", "a.txt", "text/plain", 0, 1), "未提交的内容。");
            }
            assertThat(index.stats().documents()).isZero();
        }
    }

    @Test
    void aSecondWriterIsRefusedWithAClearMessage() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open("team", dir.resolve("c"), SETTINGS);
             LuceneIndexWriter ignored = index.openWriter()) {
            assertThatThrownBy(index::openWriter).isInstanceOf(CollectionLockedException.class)
                    .hasMessageContaining("'team'").hasMessageContaining("another");
        }
    }

    @Test
    void aQueryVectorOfTheWrongDimensionIsRefused() throws Exception {
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", dir.resolve("c"), SETTINGS)) {
            assertThatThrownBy(() -> index.searchVector(new float[8], 3, SearchFilter.NONE))
                    .hasMessageContaining("8 dimensions").hasMessageContaining("64");
        }
    }
}
