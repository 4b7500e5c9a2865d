package dev.yunrag.eval;

import dev.yunrag.answer.CitedAnswer;
import dev.yunrag.answer.ExtractiveAnswerer;
import dev.yunrag.embed.Embedder;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.IngestionPipeline.IdentifiedDocument;
import dev.yunrag.model.Citation;
import dev.yunrag.model.ParsedDocument;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Measures the real ingestion and retrieval code on an evaluation set: ingests the corpus into a scratch collection
 * built with the run's settings (not the global configuration), runs the queries, and scores each retrieval stage at
 * document level, whether the answer is in the passages handed to the answer model, and optionally the extractive
 * answer and the LangChain4j starter pipeline.
 */
public class EvalRunner {

    private static final Pattern CITATION_MARK = Pattern.compile("\\[\\d+]");
    /**
     * Shorter prefixes of the selected passages also checked for the answer: on the SQuAD-style sets nearly every
     * answer is somewhere in six passages, so only the first one or three tell pipelines apart.
     */
    private static final List<Integer> ANSWER_DEPTHS = List.of(1, 3);

    private final CollectionCatalog collections;
    private final EvalPipelines pipelines;
    private final Function<String, Embedder> embedders;
    private final ExtractiveAnswerer extractive;

    /**
     * @param collections where the scratch collections live
     * @param pipelines   builds the run's ingestion and retrieval as production builds its own
     * @param embedders   embedders by id (the LangChain4j baseline embeds with the run's model)
     * @param extractive  the extractive answerer as production configures it
     */
    public EvalRunner(CollectionCatalog collections, EvalPipelines pipelines, Function<String, Embedder> embedders,
                      ExtractiveAnswerer extractive) {
        this.collections = collections;
        this.pipelines = pipelines;
        this.embedders = embedders;
        this.extractive = extractive;
    }

    public EvalReport run(EvalSettings settings, EvalProgress progress) {
        EvalSettings.Dataset data = settings.dataset();
        EvalDataset dataset = EvalDataset.read(data.dir(), data.queriesFile(), data.qrelsFile());
        List<EvalDataset.Query> queries = data.limit() == null ? dataset.queries()
                : dataset.queries().subList(0, Math.min(data.limit(), dataset.queries().size()));
        String collection = settings.collectionName(dataset.name());
        Map<String, Object> config = settings.describe(collection);

        long t0 = System.nanoTime();
        IngestReport ingest = ingest(dataset, settings, collection, progress.phase("ingest " + collection));
        config.put("documents", ingest.documents());
        config.put("chunks", ingest.chunks());
        config.put("chunksEmbeddedThisRun", ingest.embedded());
        config.put("ingestSeconds", seconds(t0));

        long t1 = System.nanoTime();
        QueryScores ours;
        EvalSettings.Answering answering = settings.answering();
        try (AnswerDetails details = AnswerDetails.open(answering.details())) {
            ours = runQueries(dataset, queries, settings, collection, progress.phase("queries"), details);
            if (answering.unanswerableQueries() != null) {
                askUnanswerable(EvalDataset.readQueries(answering.unanswerableQueries()), settings, collection,
                        progress.phase("unanswerable queries " + answering.unanswerableQueries()), ours, details);
                config.put("unanswerableScored", ours.correctAbstention.trials());
            }
        }
        config.put("querySeconds", seconds(t1));
        config.put("answerInContextAt", ours.answerAtDepth.shares());
        config.put("rerankerInForce", ours.rerankerInForce);
        if (answering.extractive()) {
            config.put("answersScored", ours.answerMatch.trials());
        }

        Map<String, Map<String, Double>> stages = new LinkedHashMap<>();
        ours.stages.forEach((stage, scores) -> stages.put(stage, scores.means()));
        if (settings.langchain4jBaseline()) {
            long t2 = System.nanoTime();
            stages.put(EvalReport.BASELINE_STAGE, runBaseline(dataset, queries, settings, progress));
            config.put("baselineSeconds", seconds(t2));
        }
        progress.finish();
        Map<String, Double> abstention = new LinkedHashMap<>();
        if (answering.extractive()) {
            abstention.put("firstSentencePrecision", ours.firstSentencePrecision.share());
            abstention.put("citedPassagePrecision", ours.citedPassagePrecision.share());
            abstention.put("falseAbstention", ours.falseAbstention.share());
            if (answering.unanswerableQueries() != null) {
                abstention.put("correctAbstention", ours.correctAbstention.share());
            }
        }
        return new EvalReport(dataset.name(), queries.size(), stages, ours.answerInContext.share(),
                answering.extractive() ? ours.answerMatch.share() : null,
                answering.extractive() ? ours.citationPrecision.share() : null, abstention, config);
    }

    private IngestReport ingest(EvalDataset dataset, EvalSettings settings, String collection,
                                IngestProgress progress) {
        IngestionPipeline pipeline = pipelines.ingestion(collections, settings.indexing());
        List<IdentifiedDocument> documents = dataset.corpus().stream().filter(r -> !r.text().isBlank())
                .map(r -> new IdentifiedDocument(r.id(), new ParsedDocument(r.id(), r.title(), "text/plain",
                        r.text(), List.of(), List.of(), Map.of()))).toList();
        return pipeline.ingestDocuments(documents,
                new IngestOptions(collection, settings.indexing().embeddingModel(), false, false), progress);
    }

    /** Per-stage scores and answer figures of our pipeline. */
    private static final class QueryScores {
        final Map<String, StageScores> stages = new LinkedHashMap<>();
        final ShareCounter answerInContext = new ShareCounter();
        final ShareCounter answerMatch = new ShareCounter();
        final ShareCounter citationPrecision = new ShareCounter();
        final ShareCounter citedPassagePrecision = new ShareCounter();
        final ShareCounter firstSentencePrecision = new ShareCounter();
        final ShareCounter falseAbstention = new ShareCounter();
        final ShareCounter correctAbstention = new ShareCounter();
        final DepthShares answerAtDepth = new DepthShares(ANSWER_DEPTHS);
        String rerankerInForce;

        QueryScores() {
            List.of("bm25", "vector", "hybrid", "reranked").forEach(s -> stages.put(s, new StageScores()));
        }
    }

    private QueryScores runQueries(EvalDataset dataset, List<EvalDataset.Query> queries, EvalSettings settings,
                                   String collection, IngestProgress progress, AnswerDetails details) {
        QueryScores scores = new QueryScores();
        int topK = settings.ranking().retrieval().topK();
        progress.started(queries.size(), queries.size());
        try (HybridRetriever retriever = pipelines.retriever(collections, settings.ranking())) {
            for (int i = 0; i < queries.size(); i++) {
                EvalDataset.Query query = queries.get(i);
                RetrievalResult result = retriever.retrieve(new RetrievalQuery(collection, query.text(),
                        topK, null, settings.ranking().requested(), settings.ranking().bm25Weight()));
                scores.rerankerInForce = result.reranker();
                Map<String, Integer> relevant = dataset.qrels().get(query.id());
                if (relevant != null) {
                    scores.stages.get("bm25").add(documentIds(result.bm25()), relevant);
                    scores.stages.get("vector").add(documentIds(result.vector()), relevant);
                    scores.stages.get("hybrid").add(documentIds(result.fused()), relevant);
                    scores.stages.get("reranked").add(documentIds(result.reranked()), relevant);
                }
                if (!query.answers().isEmpty()) {
                    List<Boolean> holds = result.selected().stream()
                            .map(p -> AnswerNormalizer.containsAny(p.text(), query.answers())).toList();
                    scores.answerInContext.add(holds.contains(true));
                    scores.answerAtDepth.add(holds);
                    if (settings.answering().answers(i)) {
                        var extraction = extractive.extract(query.text(), result.selected());
                        scoreAnswer(extraction.answer(), query.answers(), scores);
                        details.write("answerable", query, extraction, texts(result.selected()));
                    }
                }
                progress.fileDone(query.id(), 1, 0);
            }
        }
        return scores;
    }

    /**
     * Questions of another set asked against this corpus: it cannot answer them, so the right extractive answer is
     * "not found". Only the first {@code --answers-limit} are asked.
     */
    private void askUnanswerable(List<EvalDataset.Query> queries, EvalSettings settings, String collection,
                                 IngestProgress progress, QueryScores scores, AnswerDetails details) {
        Integer limit = settings.answering().limit();
        int asked = limit == null ? queries.size() : Math.min(limit, queries.size());
        progress.started(asked, asked);
        try (HybridRetriever retriever = pipelines.retriever(collections, settings.ranking())) {
            for (EvalDataset.Query query : queries.subList(0, asked)) {
                RetrievalResult result = retriever.retrieve(new RetrievalQuery(collection, query.text(),
                        settings.ranking().retrieval().topK(), null));
                var extraction = extractive.extract(query.text(), result.selected());
                scores.correctAbstention.add(!extraction.answer().answered());
                details.write("unanswerable", query, extraction, texts(result.selected()));
                progress.fileDone(query.id(), 1, 0);
            }
        }
    }

    private static void scoreAnswer(CitedAnswer answer, List<String> references, QueryScores scores) {
        // "[2]" in the answer text must not match a reference answer "2".
        String text = CITATION_MARK.matcher(answer.text()).replaceAll(" ");
        scores.answerMatch.add(AnswerNormalizer.containsAny(text, references));
        scores.falseAbstention.add(!answer.answered());
        // each quoted sentence is followed by its [n]: the pieces between markers are the quoted sentences
        List<String> quoted = java.util.Arrays.stream(CITATION_MARK.split(answer.text()))
                .filter(piece -> !piece.isBlank()).toList();
        if (answer.answered()) {
            scores.citationPrecision.add((int) quoted.stream()
                    .filter(sentence -> AnswerNormalizer.containsAny(sentence, references)).count(), quoted.size());
            // the [1] sentence: the one a reader checks first and the UI highlights first
            scores.firstSentencePrecision.add(!quoted.isEmpty()
                    && AnswerNormalizer.containsAny(quoted.getFirst(), references));
        }
        List<Citation> cited = answer.citations();
        int supported = (int) cited.stream().filter(c -> AnswerNormalizer.containsAny(c.text(), references)).count();
        scores.citedPassagePrecision.add(supported, cited.size());
    }

    private Map<String, Double> runBaseline(EvalDataset dataset, List<EvalDataset.Query> queries,
                                            EvalSettings settings, EvalProgress progress) {
        LangChain4jBaseline baseline = LangChain4jBaseline.build(dataset.corpus(),
                embedders.apply(settings.indexing().embeddingModel()).model(),
                settings.ranking().retrieval().candidates(),
                progress.phase("langchain4j baseline: embed"));
        IngestProgress queryProgress = progress.phase("langchain4j baseline: queries");
        queryProgress.started(queries.size(), queries.size());
        StageScores ranking = new StageScores();
        ShareCounter inContext = new ShareCounter();
        DepthShares atDepth = new DepthShares(ANSWER_DEPTHS);
        for (EvalDataset.Query query : queries) {
            List<LangChain4jBaseline.Segment> segments = baseline.retrieve(query.text());
            Map<String, Integer> relevant = dataset.qrels().get(query.id());
            if (relevant != null) {
                ranking.add(segments.stream().map(LangChain4jBaseline.Segment::documentId).toList(), relevant);
            }
            if (!query.answers().isEmpty()) {
                List<Boolean> holds = segments.stream().limit(settings.ranking().retrieval().topK())
                        .map(s -> AnswerNormalizer.containsAny(s.text(), query.answers())).toList();
                inContext.add(holds.contains(true));
                atDepth.add(holds);
            }
            queryProgress.fileDone(query.id(), 1, 0);
        }
        Map<String, Double> figures = ranking.means();
        figures.put("answerInContext", inContext.share());
        atDepth.shares().forEach((depth, share) -> figures.put("answerInContext@" + depth, share));
        return figures;
    }

    /** Share of questions whose answer is in the first d passages, for each depth d. */
    private static final class DepthShares {
        private final Map<Integer, ShareCounter> byDepth = new LinkedHashMap<>();

        DepthShares(List<Integer> depths) {
            depths.forEach(d -> byDepth.put(d, new ShareCounter()));
        }

        /** @param holds per passage, best first, whether it holds a reference answer */
        void add(List<Boolean> holds) {
            byDepth.forEach((depth, counter) -> counter.add(holds.stream().limit(depth).anyMatch(h -> h)));
        }

        Map<String, Double> shares() {
            Map<String, Double> shares = new LinkedHashMap<>();
            byDepth.forEach((depth, counter) -> shares.put(String.valueOf(depth), counter.share()));
            return shares;
        }
    }

    private static List<String> texts(List<ScoredChunk> passages) {
        return passages.stream().map(ScoredChunk::text).toList();
    }

    private static List<String> documentIds(List<ScoredChunk> chunks) {
        return chunks.stream().map(c -> c.chunk().documentId()).toList();
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
    }
}
