package dev.yunrag.bench;

import dev.yunrag.eval.EvalDataset;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Ingestion throughput on an evaluation corpus (each record one document): chunking, embedding and indexing through
 * the real pipeline into a fresh collection. Run once with the {@code hashing} embedder (pipeline cost alone) and once
 * with the in-process model: if the model run is much slower, the model is the bottleneck, as it should be. Chunks
 * per CPU-second is reported beside wall-clock rates because it stays meaningful on a machine shared with other work.
 */
public final class IngestBenchmark {

    /** One run's figures. */
    public record Result(String dataset, String embeddingModel, int documents, int chunks, double megabytes,
                         double seconds, double chunksPerSecond, double megabytesPerSecond, double coresBusy,
                         double chunksPerCpuSecond) {
    }

    private IngestBenchmark() {
    }

    public static Result run(EvalDataset dataset, int limit, String embeddingModel, CollectionCatalog scratch,
                             Function<CollectionCatalog, IngestionPipeline> pipelines, IngestProgress progress) {
        List<EvalDataset.CorpusRecord> records = IngestWorkload.firstRecords(dataset, limit);
        List<IngestionPipeline.IdentifiedDocument> documents = IngestWorkload.documents(dataset, limit);
        double megabytes = records.stream().mapToLong(r -> r.text().getBytes(StandardCharsets.UTF_8).length).sum() / 1e6;
        CpuClock clock = new CpuClock();
        IngestReport report = pipelines.apply(scratch).ingestDocuments(documents,
                new IngestOptions("bench-" + embeddingModel, embeddingModel, false, true), progress);
        double seconds = clock.wallSeconds();
        double cpuSeconds = clock.coresBusy() * seconds;
        return new Result(dataset.name(), embeddingModel, report.documents(), report.chunks(), megabytes, seconds,
                report.chunks() / seconds, megabytes / seconds, clock.coresBusy(), report.chunks() / cpuSeconds);
    }
}
