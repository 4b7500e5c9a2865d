package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.lucene.LuceneCollections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 4: a server killed mid-upload left stored-but-unindexed files and multipart temp files that no
 * restart cleaned. The start-up sweep removes both, and nothing an indexed document points at or that is newer than
 * the process.
 */
class UploadSweeperTest {

    @TempDir
    Path dataDir;

    @Test
    void removesUnindexedUploadsAndStaleTempFilesOnly() throws Exception {
        try (LuceneCollections store = new LuceneCollections(dataDir)) {
            IngestionPipeline pipeline = TestPipelines.pipeline(store, new TestPipelines.CountingEmbeddingModel(),
                    Duration.ofSeconds(30));
            UploadStore uploads = new UploadStore(dataDir);
            Path incoming = Files.writeString(dataDir.resolve("in.md"), "# 标题\n\n索引过的文件。\n");
            Path indexed = uploads.store("docs", "indexed.md", incoming);
            pipeline.ingest(List.of(indexed), new IngestOptions("docs", null, false, false), IngestProgress.NONE);
            // stored, then the server died before indexing
            Path orphan = uploads.store("docs", "orphan.md", incoming);
            Path orphanOfNoCollection = uploads.store("gone", "x.md", incoming);
            Path httpTemp = Files.createDirectories(dataDir.resolve("tmp/http-uploads"));
            Path staleTemp = Files.writeString(httpTemp.resolve("uploaded-file-123"), "half a body");
            Instant cutoff = Instant.now().plusSeconds(5);
            // arriving after the process started: an upload in flight, never swept
            Path fresh = uploads.store("docs", "in-flight.md", incoming);
            Files.setLastModifiedTime(fresh, FileTime.from(cutoff.plusSeconds(60)));

            List<Path> removed = UploadSweeper.sweep(uploads, store, httpTemp, cutoff);

            assertThat(removed).containsExactlyInAnyOrder(orphan, orphanOfNoCollection, staleTemp);
            assertThat(indexed).exists();
            assertThat(fresh).exists();
            assertThat(orphan).doesNotExist();
            assertThat(staleTemp).doesNotExist();
        }
    }
}
