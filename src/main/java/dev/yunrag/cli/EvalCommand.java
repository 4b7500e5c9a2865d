package dev.yunrag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.yunrag.app.Pipelines;
import dev.yunrag.config.IndexBackend;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.TokenCounters;
import dev.yunrag.eval.EvalProgress;
import dev.yunrag.eval.EvalReport;
import dev.yunrag.eval.EvalRunner;
import dev.yunrag.eval.EvalSettings;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.lucene.Analyzers;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.rerank.LexicalRerankers;
import dev.yunrag.retrieve.RankingPolicy;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval --dataset DIR [...]}: measures retrieval and answers on an evaluation set (see docs/evaluation.md). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate retrieval (per stage) and answers on a dataset folder with corpus.jsonl,"
                + " queries*.jsonl and qrels*.tsv. The corpus goes into a scratch collection named after the dataset"
                + " and settings, reused by later runs.",
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:done", "2:bad arguments or dataset"})
public class EvalCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset folder.")
    Path dataset;

    @Option(names = "--queries", paramLabel = "FILE", description = "Queries file (default: DIR/queries*.jsonl).")
    Path queries;

    @Option(names = "--qrels", paramLabel = "FILE", description = "Relevance judgments (default: DIR/qrels*.tsv).")
    Path qrels;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the report as JSON to OUT.")
    Path json;

    @Option(names = "--answers", description = "Also produce the extractive answer and score it.")
    boolean answers;

    @Option(names = "--limit", paramLabel = "N", description = "Run only the first N queries.")
    Integer limit;

    @Option(names = "--answers-limit", paramLabel = "N",
            description = "With --answers: answer only the first N of the queries run (retrieval still scores all).")
    Integer answersLimit;

    @Option(names = "--unanswerable-queries", paramLabel = "FILE",
            description = "With --answers: also ask these queries (another set's) against this corpus, which cannot"
                    + " answer them, and report the share answered \"not found\" (correctAbstention).")
    Path unanswerableQueries;

    @Option(names = "--details", paramLabel = "OUT",
            description = "With --answers: write one JSON line per answered question (answer, competing sentences).")
    Path details;

    @Option(names = "--embedding-model", paramLabel = "ID",
            description = "bge-small-zh-v15 (default), bge-small-en-v15, hashing, ...")
    String embeddingModel;

    @Option(names = "--analyzer", paramLabel = "NAME",
            description = "cjk, smartcn or cjk-porter (default: yunrag.index.analyzer).")
    String analyzer;

    @Option(names = "--chunk-tokens", paramLabel = "N", description = "Chunk budget (default: yunrag.chunking.max-tokens).")
    Integer chunkTokens;

    @Option(names = "--overlap-tokens", paramLabel = "N", description = "Overlap (default: yunrag.chunking.overlap-tokens).")
    Integer overlapTokens;

    @Option(names = "--reranker", paramLabel = "NAME",
            description = "none, lexical-coverage or auto (default: auto, the collection's own by its language).")
    String reranker;

    @Option(names = "--bm25-weight", paramLabel = "W",
            description = "Weight of the BM25 list in the fusion, the vector list weighing 1 (default: by the"
                    + " collection's language: 1 for Chinese, " + RankingPolicy.ENGLISH_BM25_WEIGHT + " for English).")
    Double bm25Weight;

    @Option(names = "--rrf-k", paramLabel = "N", description = "RRF constant (default: yunrag.retrieval.rrf-k).")
    Integer rrfK;

    @Option(names = "--baseline", paramLabel = "NAME",
            description = "Also run a reference pipeline on the same data: langchain4j.")
    String baseline;

    @Inject
    YunragConfig config;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Data directory of the scratch collections"
            + " (default: the data directory with '-eval' appended, e.g. ./data-eval): they stay out of the"
            + " collections the server and the web UI show.")
    Path workDir;

    @Inject
    EmbedderRegistry embedders;

    @Inject
    TokenCounters tokens;

    @Inject
    Pipelines pipelines;

    @Override
    public Integer call() throws Exception {
        EvalSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        EvalReport report;
        try (CollectionCatalog collections = pipelines.collections(scratchDir())) {
            // On SolrCloud the scratch collections would sit beside the served ones (no data directory of their
            // own): those this run creates are dropped after it.
            List<String> before = onCluster() ? collections.names() : List.of();
            EvalRunner runner = new EvalRunner(collections, pipelines.forEvaluation(embedders::get, tokens::forModel),
                    embedders::get, pipelines.extractiveAnswerer(
                            answers ? embedders.get(EmbedderRegistry.BGE_SMALL_ZH).model() : null));
            PhasedProgress progress = new PhasedProgress();
            try {
                report = runner.run(settings, progress);
            } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
                progress.finish();
                System.err.println("error: " + e.getMessage());
                return 2;
            } finally {
                if (onCluster()) {
                    collections.names().stream().filter(name -> name.startsWith("eval-") && !before.contains(name))
                            .forEach(collections::drop);
                }
            }
        }
        System.out.print(report.toTable());
        if (json != null) {
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report.toJson()) + System.lineSeparator());
        }
        return 0;
    }

    private EvalSettings settings() {
        if (!Files.isRegularFile(dataset.resolve("corpus.jsonl"))) {
            throw new IllegalArgumentException("No corpus.jsonl in " + dataset);
        }
        String model = embeddingModel == null ? config.embedding().model() : embeddingModel;
        if (!embedders.isKnown(model)) {
            throw new IllegalArgumentException("Unknown embedding model '" + model + "'");
        }
        if (analyzer != null && !Analyzers.NAMES.contains(analyzer)) {
            throw new IllegalArgumentException("--analyzer must be one of " + String.join(", ", Analyzers.NAMES));
        }
        String chosenReranker = reranker == null ? LexicalRerankers.AUTO : reranker;
        if (!List.of(LexicalRerankers.NONE, LexicalRerankers.LEXICAL_COVERAGE, LexicalRerankers.AUTO)
                .contains(chosenReranker)) {
            throw new IllegalArgumentException("--reranker must be none, lexical-coverage or auto");
        }
        if (unanswerableQueries != null && !Files.isRegularFile(unanswerableQueries)) {
            throw new IllegalArgumentException("No such queries file: " + unanswerableQueries);
        }
        if (baseline != null && !baseline.equals("langchain4j")) {
            throw new IllegalArgumentException("--baseline must be langchain4j");
        }
        return new EvalSettings(new EvalSettings.Dataset(dataset, queries, qrels, limit),
                pipelines.evalIndexing(model, analyzer, chunkTokens, overlapTokens),
                pipelines.evalRanking(chosenReranker, bm25Weight, rrfK),
                new EvalSettings.Answering(answers, answersLimit, unanswerableQueries, details), baseline != null);
    }

    /** One progress bar per phase on stderr, each under a line naming the phase. */
    private static final class PhasedProgress implements EvalProgress {
        private ProgressBar current;

        @Override
        public IngestProgress phase(String name) {
            finish();
            System.err.println(name);
            current = new ProgressBar(System.err, System.console() != null);
            return current;
        }

        @Override
        public void finish() {
            if (current != null) {
                current.finish();
                current = null;
            }
        }
    }

    /** The scratch collections' own data directory, never the user's. */
    /** The scratch collections live on the SolrCloud cluster ({@code yunrag.index.backend=solr}). */
    private boolean onCluster() {
        return config.index().backend() == IndexBackend.SOLR;
    }

    Path scratchDir() {
        if (workDir != null) {
            return workDir;
        }
        Path data = config.dataDir().toAbsolutePath().normalize();
        return data.resolveSibling(data.getFileName() + "-eval");
    }
}
