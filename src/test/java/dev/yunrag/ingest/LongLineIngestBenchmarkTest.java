package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.model.ParsedDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (prints, does not time-assert) chunking and whole-pipeline ingestion of one-line texts of 2 and 8 MB, the
 * numbers in docs/reliability.md ("Linear-time chunking of one huge line"). Slow: run with -Dyunrag.slow=true.
 */
@Tag("slow")
class LongLineIngestBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void oneLineTextsOfTwoAndEightMegabytes() throws IOException {
        String[] pieces = {"员工每年享有十五天带薪年假，需提前两周申请，", "the leave policy grants fifteen paid days a year, "};
        try (BertTokenCounter bert = new BertTokenCounter();
             LuceneCollections store = new LuceneCollections(tmp.resolve("data"))) {
            IngestionPipeline pipeline = TestPipelines.pipeline(store, new TestPipelines.CountingEmbeddingModel(),
                    Duration.ofSeconds(15));
            for (String piece : pieces) {
                for (int megabytes : new int[] {2, 8}) {
                    int chars = megabytes * 1_000_000;
                    String text = piece.repeat(chars / piece.length() + 1).substring(0, chars);
                    ParsedDocument doc = new ParsedDocument("long.txt", "long", "text/plain", text, List.of(),
                            List.of(), Map.of());
                    long started = System.nanoTime();
                    int chunks = new SentenceChunker(bert, 384, 32).chunk("d", doc).size();
                    long chunkMillis = (System.nanoTime() - started) / 1_000_000;

                    Path dir = Files.createDirectories(tmp.resolve("in-" + megabytes + "-" + piece.length()));
                    Files.writeString(dir.resolve("long.txt"), text);
                    started = System.nanoTime();
                    IngestReport report = pipeline.ingest(List.of(dir),
                            new IngestOptions("c" + megabytes + piece.length(), null, false, false),
                            IngestProgress.NONE);
                    long ingestMillis = (System.nanoTime() - started) / 1_000_000;
                    System.out.printf("LONG-LINE %s %d MB chars: chunker(384/32) %d chunks in %d ms;"
                                    + " pipeline(128/16) added %d, failed %s in %d ms%n",
                            piece.charAt(0) == 't' ? "english" : "chinese", megabytes, chunks, chunkMillis,
                            report.added(), report.failed(), ingestMillis);
                    assertThat(report.added()).isEqualTo(1);
                }
            }
        }
    }
}
