package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.index.lucene.LuceneCollections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graceful-shutdown path (issue 18) without a process: {@link IngestionPipeline#stop} makes a run commit the
 * documents it has written, drop those still being embedded, skip pruning, and say it was stopped; later runs are
 * refused; a new run finishes the rest. ({@code OperationsLaunchIT} sends the real SIGTERM.)
 */
class StopDuringIngestionTest {

    @TempDir
    Path tmp;

    @Test
    void aStoppedRunCommitsWhatIsCompleteAndANewRunFinishesTheRest() throws Exception {
        int files = 40;
        Path corpus = ReindexAsideTest.corpus(tmp.resolve("corpus"), files);
        Path data = tmp.resolve("data");
        try (LuceneCollections store = new LuceneCollections(data)) {
            // model-a of the two-model pipeline is fast; a slow model-b makes calls still in flight at the stop
            IngestionPipeline pipeline = TwoModelPipelines.pipeline(store, 0, 400);
            IngestOptions options = new IngestOptions("stop", TwoModelPipelines.MODEL_B, true, false);
            CompletableFuture<IngestReport> run = CompletableFuture.supplyAsync(() ->
                    pipeline.ingest(List.of(corpus), options, IngestProgress.NONE));
            while (store.find("stop").map(index -> index.stats().documents()).orElse(0) == 0 && !run.isDone()) {
                Thread.sleep(50);
            }
            assertThat(run.isDone()).as("still running at the stop").isFalse();

            assertThat(pipeline.stop(Duration.ofMinutes(1))).isTrue();
            IngestReport report = run.get(10, TimeUnit.SECONDS);

            assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.reason())
                    .startsWith("stopped by shutdown:").endsWith("Run the same command again to finish."));
            int done = IndexSoundness.assertSound(data, "stop").documents();
            assertThat(done).isEqualTo(report.documents()).isBetween(1, files - 1);
            assertThatThrownBy(() -> pipeline.ingest(List.of(corpus), options, IngestProgress.NONE))
                    .hasMessageContaining("Shutting down");

            IngestReport rest = TwoModelPipelines.pipeline(store, 0, 0).ingest(List.of(corpus), options,
                    IngestProgress.NONE);
            assertThat(rest.failed()).isEmpty();
            assertThat(rest.unchanged()).isEqualTo(done);
            assertThat(rest.added()).isEqualTo(files - done);
        }
        assertThat(IndexSoundness.assertSound(data, "stop").documents()).isEqualTo(files);
    }
}
