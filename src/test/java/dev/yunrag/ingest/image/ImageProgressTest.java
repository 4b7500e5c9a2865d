package dev.yunrag.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.app.Pipelines;
import dev.yunrag.app.TestConfigs;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.ingest.DocumentParser;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.TestPipelines;
import dev.yunrag.model.Chunk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest progress counts the images of a file as they are read, before the file is done, both when the server
 * parses and when a parser process does (its counts come as frames ahead of its response); and figures read in a
 * parser process reach the index like those read in the server.
 */
class ImageProgressTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "process"})
    void imagesReadAreCountedBeforeTheFileIsDone(String isolation) throws Exception {
        // given a three-page scan and the parser production builds for this isolation
        Path pdf = ScannedFixtures.imageOnlyPdf(dir.resolve("scan.pdf"), List.of(
                ScannedFixtures.page("第一页 项目概况"), ScannedFixtures.page("第二页 预算说明"),
                ScannedFixtures.page("第三页 验收标准")));
        Pipelines pipelines = TestConfigs.pipelines(Map.of("yunrag.parse.isolation", isolation));
        ImageReading images = ImageReading.fromConfig(TestConfigs.config(Map.of()).images(), dir.resolve("data"),
                Optional.empty());
        assertThat(images.unavailableReason()).as("apt-get install " + TesseractOcr.PACKAGES).isNull();
        DocumentParser parser = pipelines.parser(images);
        List<String> events = new CopyOnWriteArrayList<>();
        IngestProgress progress = new IngestProgress() {
            @Override
            public void imagesRead(String source, int count) {
                events.add("images " + count + " in " + source);
            }

            @Override
            public void fileDone(String source, long bytes, int chunks) {
                events.add("done " + source);
            }
        };

        try (LuceneCollections store = new LuceneCollections(dir.resolve("index"))) {
            // when it is ingested
            IngestReport report = TestPipelines.pipeline(store, new HashingEmbeddingModel(64), Duration.ofSeconds(30),
                    parser).ingest(List.of(pdf), new IngestOptions("scans", null, false, false), progress);

            // then each page read was counted, in order, before the file was done
            assertThat(report.failed()).isEmpty();
            assertThat(events).containsExactly("images 1 in scan.pdf", "images 2 in scan.pdf",
                    "images 3 in scan.pdf", "done scan.pdf");
            // and the index knows which figures its passages were read from (their thumbnails are served by them)
            String documentId = store.find("scans").orElseThrow().documents().getFirst().documentId();
            assertThat(store.find("scans").orElseThrow().chunksOf(documentId).stream().map(Chunk::figures)
                    .flatMap(List::stream)).isNotEmpty().allMatch(f -> f.origin().equals("ocr"));
        } finally {
            if (parser instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
