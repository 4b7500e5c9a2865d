package dev.yunrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.index.lucene.WriterTuning;
import dev.yunrag.model.Chunk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryBenchmarkTest {

    private static final int CHUNKS = 300;
    private static final int DIMENSION = 32;

    @TempDir
    Path dir;

    /** Builds and measures the synthetic collection twice: a benchmark run, so behind the slow flag. */
    @Test
    @Tag("slow")
    void aParallelTunedBuildWritesTheSameCollectionAsASequentialOne() throws Exception {
        // given the same synthetic collection built sequentially, and by 2 writer threads with a tuned writer
        List<Chunk> sequential;
        QueryBenchmark.Result parallel;
        try (LuceneCollections store = new LuceneCollections(dir.resolve("a"))) {
            QueryBenchmark.run(store, CHUNKS, DIMENSION, 5, 42, false);
            sequential = chunks(store);
        }
        try (LuceneCollections store = new LuceneCollections(dir.resolve("b"))) {
            parallel = QueryBenchmark.run(store, CHUNKS, DIMENSION, 5, 42, false, IndexSettings.FLOAT32,
                    new QueryBenchmark.Build(2, new WriterTuning(1, 2)));
            // then every document has the same chunks with the same texts
            assertThat(chunks(store)).containsExactlyElementsOf(sequential);
        }
        // and the report says how it was built and what it measured
        assertThat(parallel.chunks()).isEqualTo(CHUNKS);
        assertThat(parallel.buildThreads()).isEqualTo(2);
        assertThat(parallel.segments()).isPositive();
        assertThat(parallel.hnswRecallAt10()).isEqualTo(1.0); // 300 vectors: Lucene searches them exactly
        assertThat(parallel.heapBytesOpen()).isPositive();
        assertThat(parallel.bytesOnDisk()).isPositive();
    }

    @Test
    void reusingACollectionDrawsTheSameQueriesAsBuildingIt() {
        // the texts are drawn (not indexed) on reuse, so the random stream reaches the queries in the same state
        SyntheticCorpus built = new SyntheticCorpus(20_000, 7);
        SyntheticCorpus skipped = new SyntheticCorpus(20_000, 7);
        for (int c = 0; c < 25; c++) {
            built.passage(SyntheticCollectionBuilder.WORDS_PER_CHUNK);
        }
        SyntheticCollectionBuilder.skip(skipped, 25);
        assertThat(skipped.query()).isEqualTo(built.query());
    }

    private static List<Chunk> chunks(LuceneCollections store) {
        var index = store.find("bench-" + CHUNKS + "-" + DIMENSION).orElseThrow();
        return java.util.stream.IntStream.range(0, CHUNKS / SyntheticCollectionBuilder.CHUNKS_PER_DOCUMENT)
                .mapToObj(d -> index.chunksOf("doc" + d)).flatMap(List::stream).toList();
    }
}
