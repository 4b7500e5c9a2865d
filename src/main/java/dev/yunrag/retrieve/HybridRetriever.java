package dev.yunrag.retrieve;

import dev.yunrag.rerank.Reranker;

import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.rerank.LexicalRerankers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Owns the order of the retrieval stages and their timings: search (BM25 ∥ kNN, {@link CandidateSearch}) → fuse
 * ({@link CandidateFusion}: reciprocal rank, near-duplicates collapsed) → rerank (the {@link Reranker} the
 * {@link RankingPolicy} chooses for the collection and request) → select ({@link PassageSelector}: topK within the one
 * prompt token budget, counted with the collection's own tokenizer). Timings: {@code bm25}, {@code embed},
 * {@code vector} (and {@code crossLanguage}) from the search stage, {@code search} (both branches, wall time),
 * {@code fusion}, {@code rerank}. A reranker that fails leaves the fused order and a warning, never an error.
 */
public class HybridRetriever implements PassageRetriever, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HybridRetriever.class);

    /**
     * Settings of retrieval (see {@code yunrag.retrieval.*}).
     *
     * @param topK              passages selected when a query names no topK
     * @param promptTokenBudget tokens all selected passages share ({@link TokenBudget})
     */
    public record Settings(int candidates, int rrfK, int rerankCandidates, int topK, int promptTokenBudget) {

        public Settings {
            if (topK < 1) {
                throw new IllegalArgumentException("yunrag.retrieval.top-k must be at least 1, was " + topK);
            }
            if (promptTokenBudget < 1) {
                throw new IllegalArgumentException("yunrag.retrieval.prompt-token-budget must be at least 1, was "
                        + promptTokenBudget);
            }
        }
    }

    /**
     * The stages, each replaceable (tests hand in stand-ins).
     *
     * @param search        BM25 ∥ kNN candidates of a query
     * @param fusion        one list from both
     * @param ranking       the reranker (and BM25 fusion weight) per collection and request
     * @param selector      the passages for the answer
     * @param tokensByModel the token counter of a collection's embedding model (e.g. {@code TokenCounters::forModel})
     */
    public record Stages(CandidateSearch search, CandidateFusion fusion, RankingPolicy ranking,
                         PassageSelector selector, Function<String, TokenCounter> tokensByModel) {

        public Stages {
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(fusion, "fusion");
            Objects.requireNonNull(ranking, "ranking");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(tokensByModel, "tokensByModel");
        }

        /** The default stages: hybrid search over {@code collections}, RRF, budgeted selection. */
        public static Stages defaults(CollectionCatalog collections, Function<String, Embedder> embedders,
                                      RankingPolicy ranking, Function<String, TokenCounter> tokensByModel,
                                      Settings settings) {
            return new Stages(new HybridSearch(collections, embedders, settings.candidates()),
                    CandidateFusion.reciprocalRank(settings.rrfK()), ranking, PassageSelector.withinBudget(),
                    tokensByModel);
        }
    }

    private static final Reranker NO_RERANKING = new Reranker(LexicalRerankers.NONE, null);

    private final Stages stages;
    private final Settings settings;

    /** A retriever with one reranker and an even fusion for every collection, counting with one token counter. */
    public HybridRetriever(CollectionCatalog collections, Function<String, Embedder> embedders, Reranker reranker,
                           TokenCounter tokens, Settings settings) {
        this(collections, embedders, RankingPolicy.fixed(reranker), (Function<String, TokenCounter>) model -> tokens,
                settings);
    }

    /** A retriever with one reranker and an even fusion for every collection. */
    public HybridRetriever(CollectionCatalog collections, Function<String, Embedder> embedders, Reranker reranker,
                           Function<String, TokenCounter> tokensByModel, Settings settings) {
        this(collections, embedders, RankingPolicy.fixed(reranker), tokensByModel, settings);
    }

    /**
     * The default stages over {@code collections}.
     *
     * @param ranking       the reranker and fusion weights per collection and request
     * @param tokensByModel the token counter of a collection's embedding model (e.g. {@code TokenCounters::forModel}):
     *                      the prompt budget is counted in the same tokens as the collection's chunks
     */
    public HybridRetriever(CollectionCatalog collections, Function<String, Embedder> embedders, RankingPolicy ranking,
                           Function<String, TokenCounter> tokensByModel, Settings settings) {
        this(Stages.defaults(collections, embedders, ranking, tokensByModel, settings), settings);
    }

    /** A retriever from its stages. */
    public HybridRetriever(Stages stages, Settings settings) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The reranker serving every collection, or "per collection" when it depends on the collection. */
    public String rerankerName() {
        String fixed = stages.ranking().fixedName();
        return fixed != null ? fixed : "per collection";
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public RetrievalResult retrieve(RetrievalQuery query) {
        Map<String, Double> timings = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();

        long t0 = System.nanoTime();
        Candidates found = stages.search().search(query);
        timings.putAll(found.timings());
        warnings.addAll(found.warnings());
        // BM25 runs beside embedding + kNN: this is the wall time of both branches together.
        timings.put("search", ms(t0));

        RankingPolicy.Ranking chosen = stages.ranking().resolve(found.collection(), query.reranker(),
                query.bm25Weight());
        // A question in the other language than (most of) the collection: BM25 can match only the few passages in the
        // question's language, or shared numbers and names, and term coverage means nothing across languages; the
        // moved dense list decides.
        Reranker reranker = found.crossLanguage() ? NO_RERANKING : chosen.reranker();
        double bm25Weight = found.crossLanguage() ? 0 : chosen.bm25Weight();

        long t1 = System.nanoTime();
        List<ScoredChunk> fused = stages.fusion().fuse(found.bm25(), found.vector(), bm25Weight);
        timings.put("fusion", ms(t1));

        long t2 = System.nanoTime();
        // The fallback order named in a rerank warning is the one actually used: without query vectors it is BM25's.
        String fallbackOrder = found.vector().isEmpty() ? Reranker.BM25_ORDER : Reranker.FUSED_ORDER;
        List<ScoredChunk> reranked = rerank(reranker, query.text(), fused, warnings, fallbackOrder);
        timings.put("rerank", ms(t2));

        int topK = query.topK() == null ? settings.topK() : query.topK();
        TokenCounter tokens = stages.tokensByModel().apply(found.collection().embeddingModel());
        TokenBudget budget = query.withinPromptBudget() ? new TokenBudget(settings.promptTokenBudget(), tokens)
                : TokenBudget.unlimited(tokens);
        List<ScoredChunk> selected = stages.selector().select(reranked, topK, budget);
        SourceLanguageNote.of(query.text(), selected).ifPresent(warnings::add);
        return new RetrievalResult(found.bm25(), found.vector(), fused, reranked, selected, reranker.name(), timings,
                List.copyOf(warnings), budget);
    }

    /** The head of the fused list reranked, the tail after it; the fused order and a warning when reranking fails. */
    private List<ScoredChunk> rerank(Reranker reranker, String query, List<ScoredChunk> fused, List<String> warnings,
                                     String fallbackOrder) {
        List<ScoredChunk> head = fused.subList(0, Math.min(fused.size(), settings.rerankCandidates()));
        List<ScoredChunk> reranked;
        try {
            reranked = new ArrayList<>(reranker.rerank(query, head, warnings::add, fallbackOrder));
        } catch (RuntimeException e) {
            // Reranker degrades on its own model's failures; this catches a reranker stage that throws anyway.
            LOG.warnf("Reranker %s failed: %s", reranker.name(), e.getMessage());
            warnings.add(Reranker.unavailable(reranker.name(), e, fallbackOrder));
            reranked = new ArrayList<>(head);
        }
        reranked.addAll(fused.subList(head.size(), fused.size()));
        return reranked;
    }

    /** Milliseconds since {@code startNanos}, to 0.01 ms: retrieval stages often take well under a millisecond. */
    static double ms(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }

    @Override
    public void close() {
        if (stages.search() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("Closing the search stage: %s", e.getMessage());
            }
        }
    }
}
