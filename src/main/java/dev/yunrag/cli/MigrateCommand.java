package dev.yunrag.cli;

import dev.yunrag.app.Pipelines;
import dev.yunrag.config.IndexBackend;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.CollectionMigration;
import dev.yunrag.index.IndexUnavailableException;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code migrate --collection NAME --to solr|lucene [--limit N] [--prune]}. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy a collection between the embedded index (yunrag.data-dir) and SolrCloud (yunrag.solr.*)"
                + " without re-embedding: ledger records, chunks and vectors move as stored. Resumable: run it again"
                + " after an interruption and it copies only what the target lacks. Counts are verified at the end."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:copied (or already there) and verified: both sides hold the same documents and chunks",
                "1:the counts or ledgers differ after the copy (listed)",
                "2:nothing copied: bad arguments, an unreachable or locked store, or a target built differently",
                "3:stopped at --limit with documents left; run again to continue"})
public class MigrateCommand implements Callable<Integer> {

    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "The collection to copy.")
    String collection;

    @Option(names = "--to", required = true, paramLabel = "BACKEND",
            description = "Where to copy it: solr (from the embedded index) or lucene (from SolrCloud).")
    IndexBackend to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Copy at most N documents in this run (0: all); a next run continues.")
    int limit;

    @Option(names = "--prune", description = "Delete target documents the source does not have.")
    boolean prune;

    @Option(names = "--commit-every", paramLabel = "N", defaultValue = "100",
            description = "Documents copied between two commits on the target (default 100): what an interrupted"
                    + " run may have to copy again.")
    int commitEvery;

    @Spec
    CommandSpec spec;

    @Inject
    Pipelines pipelines;

    @Inject
    YunragConfig config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IndexBackend from = to == IndexBackend.SOLR ? IndexBackend.LUCENE : IndexBackend.SOLR;
        long start = System.nanoTime();
        CollectionMigration.Result result;
        try (CollectionCatalog source = pipelines.collections(from, config.dataDir());
             CollectionCatalog target = pipelines.collections(to, config.dataDir())) {
            err.printf("Migrating collection '%s'%n  from %s%n  to   %s%n", collection,
                    pipelines.describe(from), pipelines.describe(to));
            result = new CollectionMigration(source, target, commitEvery).migrate(collection, limit, prune,
                    progress(err));
        } catch (IllegalArgumentException | IllegalStateException | CollectionLockedException
                 | IndexUnavailableException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        printSummary(out, result, (System.nanoTime() - start) / 1e9);
        out.flush();
        if (!result.complete()) {
            return 3;
        }
        return result.verified() ? 0 : 1;
    }

    private static CollectionMigration.Progress progress(PrintWriter out) {
        return new CollectionMigration.Progress() {
            @Override
            public void started(int documents, int alreadyCopied) {
                out.printf("%d documents in the source, %d already on the target%n", documents, alreadyCopied);
                out.flush();
            }

            @Override
            public void committed(int done, int documents, int copiedChunks) {
                out.printf("  %d/%d documents done, %d chunks copied in this run%n", done, documents, copiedChunks);
                out.flush();
            }
        };
    }

    static void printSummary(PrintWriter out, CollectionMigration.Result r, double seconds) {
        out.printf("Collection '%s': %d documents copied (%d chunks), %d already there, %d pruned  (%.1f s)%n",
                r.collection(), r.copied(), r.copiedChunks(), r.skipped(), r.pruned(), seconds);
        if (!r.complete()) {
            out.printf("Stopped at the limit: the target holds %d of %d documents. Run the same command again to"
                    + " continue.%n", r.targetDocuments(), r.sourceDocuments());
        } else if (r.verified()) {
            out.printf("Verified: %d documents and %d chunks on both sides.%n", r.targetDocuments(),
                    r.targetChunks());
        } else {
            out.println("MISMATCH after the copy:");
            r.problems().forEach(p -> out.println("  " + p));
        }
    }
}
