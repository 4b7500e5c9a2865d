package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import dev.yunrag.app.Pipelines;
import dev.yunrag.app.TestConfigs;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.TokenCounters;
import dev.yunrag.eval.EvalProgress;
import dev.yunrag.eval.EvalReport;
import dev.yunrag.eval.EvalRunner;
import dev.yunrag.eval.EvalSettings;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.lucene.LuceneCollections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eval parity on a slice of xquad-zh: the same evaluation (the real bge-small-zh in process, the eval command's
 * pipelines) on the embedded index and on SolrCloud (2 shards x 2 replicas) gives nDCG@10 within 0.01 per stage
 * (BM25, vector, hybrid, reranked). The slice: the first 40 passages of the corpus and the questions judged on them
 * (another size and dev set with {@code -Dyunrag.test.eval-parity.documents=N -Dyunrag.test.eval-parity.dataset=NAME}). The dev set is read from {@code -Dregression.eval-data=DIR} (default {@code ../shared/eval}); the
 * test is skipped when it is not there. The full sets' figures are in docs/scale-out.md.
 */
@Tag("slow")
@Tag("solr")
@ExtendWith(SolrCloudExtension.class)
class SolrEvalParityTest {

    /** The slice's size and dev set; other ones by -Dyunrag.test.eval-parity.documents / .dataset (cmrc2018). */
    private static final int DOCUMENTS = Integer.getInteger("yunrag.test.eval-parity.documents", 40);
    private static final String DATASET = System.getProperty("yunrag.test.eval-parity.dataset", "xquad-zh");
    private static final double TOLERANCE = 0.01;

    @TempDir
    Path work;

    @Test
    void ndcgPerStageOnSolrIsWithinAHundredthOfTheEmbeddedIndex(LocalSolrCloud cloud) throws IOException {
        Path source = Path.of(System.getProperty("regression.eval-data", "../shared/eval"), DATASET);
        assumeThat(source.resolve("corpus.jsonl")).as(DATASET + " dev set (-Dregression.eval-data)").exists();
        Path slice = slice(source, work.resolve(DATASET));

        TokenCounters tokens = new TokenCounters();
        Embedder bge = new Embedder(EmbedderRegistry.BGE_SMALL_ZH, 512, "为这个句子生成表示以用于检索相关文章：",
                new BgeSmallZhV15EmbeddingModel());
        Function<String, Embedder> embedders = id -> bge;
        Pipelines pipelines = TestConfigs.pipelines(Map.of());
        EvalSettings settings = new EvalSettings(new EvalSettings.Dataset(slice, null, null, null),
                pipelines.evalIndexing(EmbedderRegistry.BGE_SMALL_ZH, null, null, null),
                pipelines.evalRanking("auto", null, null), new EvalSettings.Answering(false, null, null, null), false);

        EvalReport lucene;
        try (CollectionCatalog collections = new LuceneCollections(work.resolve("lucene"))) {
            lucene = run(collections, pipelines, embedders, tokens, settings);
        }
        EvalReport solr;
        try (SolrCollectionCatalog collections = SolrCollectionCatalog.connect(cloud.settings(2, 2))) {
            String scratch = settings.collectionName(DATASET);
            collections.drop(scratch);
            try {
                solr = run(collections, pipelines, embedders, tokens, settings);
            } finally {
                collections.drop(scratch);
            }
        }

        System.out.printf("eval parity on %s, %d passages, %d questions: nDCG@10 lucene %s | solr %s%n",
                DATASET, DOCUMENTS, lucene.queries(), ndcg(lucene), ndcg(solr));
        assertThat(solr.queries()).isEqualTo(lucene.queries()).isGreaterThan(20);
        for (String stage : List.of("bm25", "vector", "hybrid", "reranked")) {
            double embedded = lucene.stages().get(stage).get("ndcg@10");
            double cluster = solr.stages().get(stage).get("ndcg@10");
            assertThat(cluster).as("nDCG@10 of %s on Solr vs the embedded index", stage)
                    .isCloseTo(embedded, org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    private static EvalReport run(CollectionCatalog collections, Pipelines pipelines,
                                  Function<String, Embedder> embedders, TokenCounters tokens, EvalSettings settings) {
        EvalRunner runner = new EvalRunner(collections, pipelines.forEvaluation(embedders, tokens::forModel),
                embedders, pipelines.extractiveAnswerer(null));
        return runner.run(settings, EvalProgress.NONE);
    }

    private static String ndcg(EvalReport report) {
        StringBuilder out = new StringBuilder();
        report.stages().forEach((stage, metrics) -> out.append(stage).append(' ')
                .append(String.format("%.4f", metrics.get("ndcg@10"))).append(' '));
        return out.toString().strip();
    }

    /** The first passages of the corpus, the judgments on them, and their questions, as a dataset folder. */
    private static Path slice(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        List<String> corpus = Files.readAllLines(source.resolve("corpus.jsonl"), StandardCharsets.UTF_8)
                .stream().filter(line -> !line.isBlank()).limit(DOCUMENTS).toList();
        Set<String> ids = new HashSet<>();
        for (String line : corpus) {
            ids.add(line.replaceFirst("^\\{\"id\": \"([^\"]+)\".*", "$1"));
        }
        List<String> qrels = new ArrayList<>();
        Set<String> queries = new HashSet<>();
        for (String line : Files.readAllLines(source.resolve("qrels-dev.tsv"), StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t");
            if (cols.length >= 3 && ids.contains(cols[1])) {
                qrels.add(line);
                queries.add(cols[0]);
            }
        }
        List<String> questions = Files.readAllLines(source.resolve("queries-dev.jsonl"), StandardCharsets.UTF_8)
                .stream().filter(line -> queries.contains(line.replaceFirst("^\\{\"id\": \"([^\"]+)\".*", "$1")))
                .toList();
        Files.write(target.resolve("corpus.jsonl"), corpus, StandardCharsets.UTF_8);
        Files.write(target.resolve("qrels-dev.tsv"), qrels, StandardCharsets.UTF_8);
        Files.write(target.resolve("queries-dev.jsonl"), questions, StandardCharsets.UTF_8);
        return target;
    }
}
