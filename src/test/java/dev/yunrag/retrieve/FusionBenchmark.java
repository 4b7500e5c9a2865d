package dev.yunrag.retrieve;

import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmark of the fuse stage as {@code bench query} feeds it: 50 BM25 and 50 kNN hits of ~250-character
 * Chinese-like passages (120 two-character words, as the synthetic collections), a few found by both, a few
 * near-duplicates. Run (docs/benchmarks.md, "Fusion and collapse"):
 *
 * <pre>
 * ./mvnw -B -o -q test-compile exec:exec -Dexec.executable=$JAVA_HOME/bin/java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main FusionBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class FusionBenchmark {

    /** Hits per branch, as {@code yunrag.retrieval.candidates}. */
    static final int CANDIDATES = 50;

    List<ScoredChunk> bm25;
    List<ScoredChunk> vector;
    List<ScoredChunk> fused;
    private final ReciprocalRankFusion rrf = new ReciprocalRankFusion(60);
    private final CandidateFusion fusion = CandidateFusion.reciprocalRank(60);

    @Setup
    public void setUp() {
        Random random = new Random(42);
        String[] vocabulary = new String[20_000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = "" + (char) (0x4E00 + random.nextInt(3000)) + (char) (0x4E00 + random.nextInt(3000));
        }
        bm25 = new ArrayList<>();
        vector = new ArrayList<>();
        for (int rank = 1; rank <= CANDIDATES; rank++) {
            bm25.add(hit("b" + rank, passage(vocabulary, random), RankTrace.NONE.withBm25(rank, 10f / rank)));
        }
        for (int rank = 1; rank <= CANDIDATES; rank++) {
            // every fifth vector hit was also found by BM25; every seventh repeats a BM25 passage in another file
            ScoredChunk hit = rank % 5 == 0 ? bm25.get(rank - 1)
                    : hit("v" + rank, rank % 7 == 0 ? bm25.get(rank).text() : passage(vocabulary, random),
                            RankTrace.NONE);
            vector.add(hit.withTrace(RankTrace.NONE.withVector(rank, 1f - rank / 100f)));
        }
        fused = rrf.fuse(bm25, vector, 1.0);
    }

    private static String passage(String[] vocabulary, Random random) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 120; w++) {
            double u = random.nextDouble();
            text.append(vocabulary[(int) (vocabulary.length * u * u)]);
            if (w % 12 == 11) {
                text.append('。');
            }
        }
        return text.toString();
    }

    private static ScoredChunk hit(String documentId, String text, RankTrace trace) {
        Chunk chunk = new Chunk(documentId, 0, text, 0, text.length(), null, null, List.of(), List.of(), List.of());
        return new ScoredChunk(chunk, documentId + ".txt", documentId, "text/plain", trace);
    }

    /** Reciprocal rank fusion alone. */
    @Benchmark
    public List<ScoredChunk> reciprocalRank() {
        return rrf.fuse(bm25, vector, 1.0);
    }

    /** Near-duplicate collapse of the fused list alone. */
    @Benchmark
    public List<ScoredChunk> collapse() {
        return NearDuplicateFilter.collapse(fused);
    }

    /** The fuse stage as the retriever runs it: RRF, then collapse. */
    @Benchmark
    public List<ScoredChunk> fuseAndCollapse() {
        return fusion.fuse(bm25, vector, 1.0);
    }
}
