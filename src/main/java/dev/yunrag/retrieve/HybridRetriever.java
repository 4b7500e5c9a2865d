package dev.yunrag.retrieve;

import dev.yunrag.text.TextLanguage;

import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.index.CollectionStore;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.IndexSnapshot;
import dev.yunrag.index.lucene.LuceneChunkIndex;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.rerank.LexicalRerankers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import dev.yunrag.util.Futures;
import org.jboss.logging.Logger;

/**
 * BM25 and HNSW kNN over a collection, run side by side, fused by reciprocal rank, near-duplicates collapsed,
 * reranked, and cut to the answer's passages by count and token budget. The query is embedded with the collection's
 * own embedding model. If embedding fails (a remote model down), BM25 alone answers and a warning says so.
 */
public class HybridRetriever implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HybridRetriever.class);

    /** Settings of retrieval (see {@code yunrag.retrieval.*}). */
    public record Settings(int candidates, int rrfK, int rerankCandidates, int topK, int promptTokenBudget) {
    }

    private static final Reranker NO_RERANKING = new Reranker(LexicalRerankers.NONE, null);

    private final CollectionStore collections;
    private final Function<String, Embedder> embedders;
    private final RankingPolicy ranking;
    private final Function<String, TokenCounter> tokensByModel;
    private final Settings settings;
    private final ReciprocalRankFusion fusion;
    private final CrossLanguageSearch crossLanguage = new CrossLanguageSearch();
    private final ExecutorService bm25Pool = Executors.newVirtualThreadPerTaskExecutor();

    /** A retriever with one reranker and an even fusion for every collection, counting with one token counter. */
    public HybridRetriever(CollectionStore collections, Function<String, Embedder> embedders, Reranker reranker,
                           TokenCounter tokens, Settings settings) {
        this(collections, embedders, RankingPolicy.fixed(reranker), (Function<String, TokenCounter>) model -> tokens,
                settings);
    }

    /** A retriever with one reranker and an even fusion for every collection. */
    public HybridRetriever(CollectionStore collections, Function<String, Embedder> embedders, Reranker reranker,
                           Function<String, TokenCounter> tokensByModel, Settings settings) {
        this(collections, embedders, RankingPolicy.fixed(reranker), tokensByModel, settings);
    }

    /**
     * @param ranking       the reranker and fusion weights per collection and request
     * @param tokensByModel the token counter of a collection's embedding model (e.g. {@code TokenCounters::forModel}):
     *                      the prompt budget is counted in the same tokens as the collection's chunks
     */
    public HybridRetriever(CollectionStore collections, Function<String, Embedder> embedders, RankingPolicy ranking,
                           Function<String, TokenCounter> tokensByModel, Settings settings) {
        this.collections = collections;
        this.embedders = embedders;
        this.ranking = ranking;
        this.tokensByModel = tokensByModel;
        this.settings = settings;
        this.fusion = new ReciprocalRankFusion(settings.rrfK());
    }

    /** The reranker serving every collection, or "per collection" when it depends on the collection. */
    public String rerankerName() {
        String fixed = ranking.fixedName();
        return fixed != null ? fixed : "per collection";
    }

    public Settings settings() {
        return settings;
    }

    /** The dense branch's outcome: its hits, and whether they were found by a question moved across languages. */
    private record VectorBranch(List<ScoredChunk> hits, boolean crossLanguage) {
    }

    public RetrievalResult retrieve(RetrievalQuery query) {
        LuceneChunkIndex index = collections.find(query.collection())
                .orElseThrow(() -> new UnknownCollectionException(query.collection()));
        SearchFilter filter = query.filter() == null ? SearchFilter.NONE : query.filter();
        RankingPolicy.Ranking chosen = ranking.resolve(index.settings(), query.reranker(), query.bm25Weight());
        Map<String, Double> timings = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();

        long t0 = System.nanoTime();
        List<ScoredChunk> bm25;
        VectorBranch vector;
        // Both branches read one pinned commit: searched apart, a commit landing between them fused chunks of a
        // document's old and new versions into one answer (ReadConsistencyTest).
        try (IndexSnapshot snapshot = index.snapshot()) {
            CompletableFuture<List<ScoredChunk>> bm25Future = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                List<ScoredChunk> hits = snapshot.searchBm25(query.text(), settings.candidates(), filter);
                synchronized (timings) {
                    timings.put("bm25", ms(start));
                }
                return hits;
            }, bm25Pool);
            try {
                vector = searchVector(index, snapshot, query.text(), filter, timings, warnings);
            } finally {
                // The snapshot must outlive the BM25 branch, also when the vector branch failed.
                bm25 = Futures.await(bm25Future);
            }
        }
        // BM25 runs beside embedding + kNN: this is the wall time of both branches together.
        timings.put("search", ms(t0));

        // A question in the other language than (most of) the collection: BM25 can match only the few passages in the
        // question's language, or shared numbers and names, and term coverage means nothing across languages; the
        // moved dense list decides.
        Reranker reranker = vector.crossLanguage() ? NO_RERANKING : chosen.reranker();
        double bm25Weight = vector.crossLanguage() ? 0 : chosen.bm25Weight();

        long t1 = System.nanoTime();
        List<ScoredChunk> fused = NearDuplicateFilter.collapse(fusion.fuse(bm25, vector.hits(), bm25Weight));
        timings.put("fusion", ms(t1));

        long t2 = System.nanoTime();
        List<ScoredChunk> head = fused.subList(0, Math.min(fused.size(), settings.rerankCandidates()));
        // The fallback order named in a rerank warning is the one actually used: without query vectors it is BM25's.
        List<ScoredChunk> reranked = new ArrayList<>(reranker.rerank(query.text(), head, warnings::add,
                vector.hits().isEmpty() ? Reranker.BM25_ORDER : Reranker.FUSED_ORDER));
        reranked.addAll(fused.subList(head.size(), fused.size()));
        timings.put("rerank", ms(t2));

        int topK = query.topK() == null ? settings.topK() : query.topK();
        TokenCounter tokens = tokensByModel.apply(index.settings().embeddingModel());
        List<ScoredChunk> selected = withinBudget(reranked, topK, tokens);
        SourceLanguageNote.of(query.text(), selected).ifPresent(warnings::add);
        return new RetrievalResult(bm25, vector.hits(), fused, reranked, selected, reranker.name(), timings,
                List.copyOf(warnings), tokens);
    }

    private VectorBranch searchVector(LuceneChunkIndex index, IndexSnapshot snapshot, String text,
                                      SearchFilter filter, Map<String, Double> timings, List<String> warnings) {
        long start = System.nanoTime();
        String model = index.settings().embeddingModel();
        Embedder embedder;
        float[] queryVector;
        try {
            embedder = embedders.apply(model);
            queryVector = embedder.embedQuery(text);
        } catch (RuntimeException e) {
            LOG.warnf("Query embedding failed: %s", e.getMessage());
            warnings.add("Embedding model " + model + " is unavailable ("
                    + e.getMessage() + "); results come from BM25 keyword search only.");
            synchronized (timings) {
                timings.put("embed", ms(start));
            }
            return new VectorBranch(List.of(), false);
        }
        double embedMs = ms(start);
        long knnStart = System.nanoTime();
        List<ScoredChunk> hits = snapshot.searchVector(queryVector, settings.candidates(), filter);
        TextLanguage asked = TextLanguage.of(text);
        boolean cross = CrossLanguageSearch.applies(model, asked, hits);
        double knnMs = ms(knnStart);
        double movedMs = 0;
        if (cross) {
            long movedStart = System.nanoTime();
            List<ScoredChunk> moved = snapshot.searchVector(crossLanguage.shifted(embedder, queryVector, asked),
                    settings.candidates(), filter);
            hits = CrossLanguageSearch.interleave(moved, hits, settings.candidates());
            movedMs = ms(movedStart);
        }
        synchronized (timings) {
            timings.put("embed", embedMs);
            timings.put("vector", knnMs);
            if (cross) {
                // present only when the question was moved across languages (CrossLanguageSearch)
                timings.put("crossLanguage", movedMs);
            }
        }
        return new VectorBranch(hits, cross);
    }

    /** The first passages up to topK whose texts fit the prompt token budget (always at least one). */
    private List<ScoredChunk> withinBudget(List<ScoredChunk> ranked, int topK, TokenCounter tokens) {
        List<ScoredChunk> selected = new ArrayList<>();
        int used = 0;
        for (ScoredChunk passage : ranked) {
            if (selected.size() >= topK) {
                break;
            }
            int cost = tokens.count(passage.text());
            if (!selected.isEmpty() && used + cost > settings.promptTokenBudget()) {
                continue;
            }
            selected.add(passage);
            used += cost;
        }
        return selected;
    }

    /** Milliseconds since {@code startNanos}, to 0.01 ms: retrieval stages often take well under a millisecond. */
    private static double ms(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }

    @Override
    public void close() {
        bm25Pool.close();
    }
}
