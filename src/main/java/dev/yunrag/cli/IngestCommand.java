package dev.yunrag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.index.CollectionLockedException;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingest PATH... [--collection NAME] [--prune] [--reindex] [--json]}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest files and directories into a collection. Unchanged files are skipped.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every file ingested (or unchanged)", "1:some files failed (see the summary)",
                "2:nothing ingested: bad arguments or configuration"})
public class IngestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to ingest.")
    List<Path> paths;

    @Option(names = "--collection", paramLabel = "NAME", description = "Target collection (default: the one named by"
            + " yunrag.default-collection, 'default' unless configured).")
    String collection;

    @Option(names = "--prune", description = "Delete documents under the given directories whose files are gone.")
    boolean prune;

    @Option(names = "--reindex", description = "Re-parse and re-embed everything (required to change the"
            + " embedding model of an existing collection).")
    boolean reindex;

    @Option(names = "--embedding-model", paramLabel = "ID",
            description = "Embedding model for a new collection or a re-index, e.g. bge-small-zh-v15.")
    String embeddingModel;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout.")
    boolean json;

    @Inject
    IngestionPipeline pipeline;

    @Inject
    YunragConfig config;

    @Inject
    dev.yunrag.security.AuditLog audit;

    @Override
    public Integer call() throws Exception {
        String target = collection == null ? config.defaultCollection() : collection;
        ProgressBar progress = new ProgressBar(System.err, System.console() != null && !json);
        IngestReport report;
        try {
            report = pipeline.ingest(paths, new IngestOptions(target, embeddingModel, prune, reindex), progress);
        } catch (IllegalArgumentException | IllegalStateException | CollectionLockedException e) {
            progress.finish();
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        progress.finish();
        if (reindex) {
            audit.operator("reindex", target, embeddingModel == null ? "the collection's own model"
                    : "embedding model " + embeddingModel, report.hasFailures()
                    ? "finished with " + report.failed().size() + " failure(s)" : "ok: " + report.documents()
                    + " documents, " + report.chunks() + " chunks");
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(asJson(target, report)));
        } else {
            printSummary(System.out, target, report);
        }
        return report.hasFailures() ? 1 : 0;
    }

    static Map<String, Object> asJson(String collection, IngestReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("collection", collection);
        json.put("added", report.added());
        json.put("updated", report.updated());
        json.put("unchanged", report.unchanged());
        json.put("deleted", report.deleted());
        json.put("failed", report.failed());
        json.put("warnings", report.warnings());
        json.put("documents", report.documents());
        json.put("chunks", report.chunks());
        json.put("embedded", report.embedded());
        json.put("seconds", Math.round(report.seconds() * 1000) / 1000.0);
        return json;
    }

    private static void printSummary(PrintStream out, String collection, IngestReport r) {
        out.printf("Collection '%s': %d added, %d updated, %d unchanged, %d deleted, %d failed  (%.1f s)%n",
                collection, r.added(), r.updated(), r.unchanged(), r.deleted(), r.failed().size(), r.seconds());
        out.printf("Now %d documents, %d chunks; %d chunks embedded in this run.%n", r.documents(), r.chunks(),
                r.embedded());
        if (!r.failed().isEmpty()) {
            out.println("Failed:");
            r.failed().forEach(f -> out.printf("  %s: %s%n", f.source(), f.reason()));
        }
        if (!r.warnings().isEmpty()) {
            out.println("Indexed, with parts not read:");
            r.warnings().forEach(w -> out.printf("  %s: %s%n", w.source(), w.reason()));
        }
    }
}
