package dev.yunrag.bench;

import dev.yunrag.eval.EvalDataset;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.model.ParsedDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an ingestion benchmark ingests: evaluation-corpus records as text documents ({@code ingestDocuments}), or a
 * directory of files ({@code ingest PATH}: walk, hash, Tika parsing). Both end in the same batched embedding.
 *
 * @param name    shown in results: the dataset name, or the directory's
 * @param kind    {@code records} or {@code files}
 * @param records the records, for {@code records}; empty for files
 * @param dir     the directory, for {@code files}; null for records
 */
public record IngestWorkload(String name, String kind, List<IngestionPipeline.IdentifiedDocument> records, Path dir) {

    /** The first {@code limit} records of a corpus, each one document. */
    public static IngestWorkload records(EvalDataset dataset, int limit) {
        return new IngestWorkload(dataset.name(), "records", documents(dataset, limit), null);
    }

    /** Every file under {@code dir}. */
    public static IngestWorkload files(Path dir) {
        return new IngestWorkload(dir.getFileName().toString(), "files", List.of(), dir);
    }

    /**
     * Writes the first {@code limit} records as one small text file each (title, blank line, text) under {@code dir}
     * (emptied first), so that the same corpus goes through file ingestion: a folder of many short files.
     */
    public static IngestWorkload asFiles(EvalDataset dataset, int limit, Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var old = Files.list(dir)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        for (EvalDataset.CorpusRecord r : firstRecords(dataset, limit)) {
            String name = r.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".txt";
            Files.writeString(dir.resolve(name), r.title() + "\n\n" + r.text() + "\n", StandardCharsets.UTF_8);
        }
        return new IngestWorkload(dataset.name() + " as files", "files", List.of(), dir);
    }

    /** Corpus records as text documents, the form {@code ingestDocuments} takes. */
    public static List<IngestionPipeline.IdentifiedDocument> documents(EvalDataset dataset, int limit) {
        return firstRecords(dataset, limit).stream()
                .map(r -> new IngestionPipeline.IdentifiedDocument(r.id(), new ParsedDocument(r.id(), r.title(),
                        "text/plain", r.text(), List.of(), List.of(), Map.of())))
                .toList();
    }

    static List<EvalDataset.CorpusRecord> firstRecords(EvalDataset dataset, int limit) {
        return dataset.corpus().subList(0, Math.min(limit, dataset.corpus().size()));
    }

    IngestReport ingest(IngestionPipeline pipeline, IngestOptions options, IngestProgress progress) {
        return dir == null ? pipeline.ingestDocuments(records, options, progress)
                : pipeline.ingest(List.of(dir), options, progress);
    }
}
