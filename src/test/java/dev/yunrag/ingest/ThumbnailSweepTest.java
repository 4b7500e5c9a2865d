package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.app.TestConfigs;
import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.ingest.image.ScannedFixtures;
import dev.yunrag.ingest.image.TesseractOcr;
import dev.yunrag.ingest.image.Thumbnails;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.FigureSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up sweep removes thumbnails no document cites once they are older than a day (left by a dropped
 * collection, a prune or a re-index), and keeps cited ones and fresh ones (a document may be about to commit).
 */
class ThumbnailSweepTest {

    @TempDir
    Path dataDir;

    @Test
    void removesOldThumbnailsNoDocumentCites() throws Exception {
        // given a scanned page ingested (its thumbnail stored), and two thumbnails no document cites: one old, one new
        ImageReading images = ImageReading.fromConfig(TestConfigs.config(Map.of()).images(), dataDir, Optional.empty());
        assertThat(images.unavailableReason()).as("apt-get install " + TesseractOcr.PACKAGES).isNull();
        Path pdf = ScannedFixtures.imageOnlyPdf(dataDir.resolve("scan.pdf"),
                List.of(ScannedFixtures.page("第七章 保密", "保密期限为五年。")));
        Thumbnails thumbnails = Thumbnails.under(dataDir);
        byte[] png = ScannedFixtures.encode(ScannedFixtures.page("旧图"), "png");
        String oldOrphan = Thumbnails.figureId(png);
        thumbnails.store(oldOrphan, png);
        byte[] newPng = ScannedFixtures.encode(ScannedFixtures.page("新图"), "png");
        String newOrphan = Thumbnails.figureId(newPng);
        thumbnails.store(newOrphan, newPng);
        age(thumbnails, oldOrphan);

        try (LuceneCollections store = new LuceneCollections(dataDir.resolve("index"))) {
            TestPipelines.pipeline(store, new HashingEmbeddingModel(64), Duration.ofSeconds(30),
                    new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000, images))
                    .ingest(List.of(pdf), new IngestOptions("contracts", null, false, false), IngestProgress.NONE);
            String documentId = store.find("contracts").orElseThrow().documents().getFirst().documentId();
            String cited = store.find("contracts").orElseThrow().chunksOf(documentId).stream().map(Chunk::figures)
                    .flatMap(List::stream).map(FigureSpan::figure).findFirst().orElseThrow();
            age(thumbnails, cited);
            ThumbnailSweep sweep = new ThumbnailSweep(store, thumbnails);

            // when the server sweeps: only the old thumbnail no document cites goes
            assertThat(sweep.sweep()).isEqualTo(1);
            assertThat(thumbnails.find(oldOrphan)).isEmpty();
            assertThat(thumbnails.find(newOrphan)).isPresent();
            assertThat(thumbnails.find(cited)).isPresent();

            // and once the collection citing it is dropped, the next sweep takes its thumbnail too
            store.drop("contracts");
            assertThat(sweep.sweep()).isEqualTo(1);
            assertThat(thumbnails.find(cited)).isEmpty();
            assertThat(thumbnails.find(newOrphan)).isPresent();
        }
    }

    /** Makes a thumbnail older than the sweep's grace. */
    private static void age(Thumbnails thumbnails, String figure) throws Exception {
        Files.setLastModifiedTime(thumbnails.find(figure).orElseThrow(),
                FileTime.from(Instant.now().minus(ThumbnailSweep.GRACE).minus(Duration.ofHours(1))));
    }
}
