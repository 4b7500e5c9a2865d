package dev.yunrag.ingest;

import dev.yunrag.index.lucene.LuceneCollections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A child process for the kill -9 test: ingests a directory into a collection, committing after every file so that
 * a kill can land anywhere, including in the middle of a commit.
 */
public final class CrashableIngestion {

    private CrashableIngestion() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path corpus = Path.of(args[1]);
        try (LuceneCollections store = new LuceneCollections(dataDir)) {
            IngestionPipeline pipeline = TestPipelines.pipeline(store, new TestPipelines.CountingEmbeddingModel(),
                    Duration.ZERO);
            IngestReport report = pipeline.ingest(List.of(corpus), new IngestOptions("crash", null, false, false),
                    IngestProgress.NONE);
            System.out.println("documents=" + report.documents() + " chunks=" + report.chunks());
        }
    }
}
