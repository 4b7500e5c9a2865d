package dev.yunrag.ingest;

import dev.yunrag.index.lucene.LuceneCollections;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for the kill -9 test of a re-index with another model: rebuilds a collection with {@code model-b},
 * slowly (each embedding call sleeps), so that a kill lands while the new index is being built aside.
 */
public final class InterruptedRebuild {

    private InterruptedRebuild() {
    }

    public static void main(String[] args) throws Exception {
        try (LuceneCollections store = new LuceneCollections(Path.of(args[0]))) {
            IngestionPipeline pipeline = TwoModelPipelines.pipeline(store, 0, 200);
            pipeline.ingest(List.of(Path.of(args[1])), new IngestOptions(args[2], TwoModelPipelines.MODEL_B, false,
                    true), IngestProgress.NONE);
        }
    }
}
