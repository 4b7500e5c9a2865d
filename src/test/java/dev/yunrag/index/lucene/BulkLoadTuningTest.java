package dev.yunrag.index.lucene;

import static dev.yunrag.index.lucene.OneChunkDocuments.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BulkLoadTuningTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"float32", "int8"})
    void hnswMergesRunOnTheMergeWorkersAndKeepEveryVectorFindable(String format) throws Exception {
        // given a codec with 2 HNSW merge workers on an executor that counts the tasks it runs
        AtomicInteger tasks = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread thread, Runnable task) {
                tasks.incrementAndGet();
            }
        };
        // Lucene gives a segment an HNSW graph only above ~100·ln(size) vectors (below, exact search is cheaper)
        int vectors = 3000;
        try (Directory directory = FSDirectory.open(dir)) {
            IndexWriterConfig config = new IndexWriterConfig()
                    .setCodec(VectorFormats.codec(format, 2, executor));
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                // three segments of 1000 vectors, then one merge of all three
                for (int i = 0; i < vectors; i++) {
                    Document doc = new Document();
                    doc.add(new StringField("id", Integer.toString(i), Field.Store.YES));
                    doc.add(new KnnFloatVectorField(ChunkFields.VECTOR, vector(OneChunkDocuments.text(i)),
                            VectorSimilarityFunction.DOT_PRODUCT));
                    writer.addDocument(doc);
                    if (i % 1000 == 999) {
                        writer.commit();
                    }
                }
                writer.forceMerge(1);
                writer.commit();
            }
            // then the merge used the workers, and each vector still finds its own document first
            assertThat(tasks.get()).isGreaterThan(0);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSize(1);
                IndexSearcher searcher = new IndexSearcher(reader);
                int found = 0;
                for (int i = 0; i < vectors; i += 30) {
                    ScoreDoc top = searcher.search(new KnnFloatVectorQuery(ChunkFields.VECTOR,
                            vector(OneChunkDocuments.text(i)), 1), 1).scoreDocs[0];
                    found += searcher.storedFields().document(top.doc).get("id").equals(Integer.toString(i)) ? 1 : 0;
                }
                assertThat(found).isGreaterThanOrEqualTo(vectors / 30 * 9 / 10);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aTunedWriterWritesAnOrdinaryCollection() throws Exception {
        // given a collection written by a bulk-load writer (2 merge workers, small buffer) from two threads
        Path path = dir.resolve("c");
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", path, new dev.yunrag.index.IndexSettings("hashing",
                OneChunkDocuments.DIMENSION, Analyzers.CJK));
             LuceneIndexWriter writer = index.openWriter(new WriterTuning(4, 2))) {
            Thread other = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i += 2) {
                    OneChunkDocuments.put(writer, i, OneChunkDocuments.text(i));
                }
            });
            for (int i = 1; i < 50; i += 2) {
                OneChunkDocuments.put(writer, i, OneChunkDocuments.text(i));
            }
            other.join();
            writer.commit();
        }
        // when it is reopened by a plain reader, then every document is there and findable by its vector
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", path, null)) {
            assertThat(index.stats().chunks()).isEqualTo(50);
            assertThat(index.searchVector(vector(OneChunkDocuments.text(21)), 1, dev.yunrag.index.SearchFilter.NONE)
                    .getFirst().chunk().documentId()).isEqualTo("d21");
        }
    }

    @Test
    void rejectsNonsenseTuning() {
        assertThatThrownBy(() -> new WriterTuning(0, 1)).hasMessageContaining("RAM buffer");
        assertThatThrownBy(() -> new WriterTuning(64, 0)).hasMessageContaining("mergeWorkers");
    }
}
