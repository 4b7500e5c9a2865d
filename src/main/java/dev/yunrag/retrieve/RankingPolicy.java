package dev.yunrag.retrieve;

import dev.yunrag.rerank.Reranker;

import dev.yunrag.embed.TokenCounters;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.rerank.LexicalRerankers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which reranker and which fusion weights a query gets: the request's choice, else the collection's recorded reranker,
 * else the default of the collection's language. The language is that of the collection's embedding model (an
 * English bge model makes an English collection). The defaults are measured (docs/evaluation.md, "Ranking by
 * language"): on Chinese question sets the lexical-coverage reranker over an even RRF fusion is best; on claim-style
 * English (scifact) the lexical reranker and an even fusion both fall below the dense list alone, so English
 * collections fuse with a lighter BM25 list and are not reranked lexically. A configured remote cross-encoder
 * reranks every collection unless a request says otherwise.
 */
public final class RankingPolicy {

    /** Reranker of English collections without a recorded choice. */
    public static final String ENGLISH_RERANKER = LexicalRerankers.NONE;
    /** BM25 list weight in the fusion of English collections (the vector list weighs 1). */
    public static final double ENGLISH_BM25_WEIGHT = 0.5;
    /** Reranker of Chinese (and all other) collections without a recorded choice. */
    public static final String CHINESE_RERANKER = LexicalRerankers.LEXICAL_COVERAGE;
    public static final double CHINESE_BM25_WEIGHT = 1.0;

    /** The reranking and fusion weight of one query. */
    public record Ranking(Reranker reranker, double bm25Weight) {
    }

    private final Reranker remote;
    private final Reranker fixed;
    /** The configured embedded reranker for collections that recorded none; null: their language's default. */
    private final String fallback;
    private final Map<String, Reranker> embedded = new ConcurrentHashMap<>();

    private RankingPolicy(Reranker remote, Reranker fixed, String fallback) {
        this.remote = remote;
        this.fixed = fixed;
        this.fallback = fallback;
        if (fallback != null && !LexicalRerankers.isKnown(fallback)) {
            throw new IllegalArgumentException("Unknown embedded reranker '" + fallback
                    + "' (yunrag.retrieval.embedded-reranker): use auto, " + LexicalRerankers.LEXICAL_COVERAGE
                    + " or " + LexicalRerankers.NONE);
        }
    }

    /** The same policy with {@code name} for collections that recorded no reranker, instead of the language's. */
    public RankingPolicy withFallback(String name) {
        return new RankingPolicy(remote, fixed, name);
    }

    /** Per collection and language; {@code remote} (may be null) is the configured cross-encoder. */
    public static RankingPolicy perCollection(Reranker remote) {
        return new RankingPolicy(remote, null, null);
    }

    /** Always {@code reranker} and an even fusion, whatever the collection (benchmarks, tests). */
    public static RankingPolicy fixed(Reranker reranker) {
        return new RankingPolicy(null, reranker, null);
    }

    /** The reranker name new collections of this embedding model get when the configuration says {@code auto}. */
    public static String defaultReranker(String embeddingModel) {
        return isEnglish(embeddingModel) ? ENGLISH_RERANKER : CHINESE_RERANKER;
    }

    public static double defaultBm25Weight(String embeddingModel) {
        return isEnglish(embeddingModel) ? ENGLISH_BM25_WEIGHT : CHINESE_BM25_WEIGHT;
    }

    private static boolean isEnglish(String embeddingModel) {
        return TokenCounters.EN.equals(TokenCounters.vocabularyOf(embeddingModel));
    }

    /** The configured reranker's name when one reranker serves every collection, else null. */
    public String fixedName() {
        return remote != null ? remote.name() : fixed != null ? fixed.name() : null;
    }

    public Ranking resolve(IndexSettings collection, String requestedReranker, Double requestedBm25Weight) {
        Reranker reranker;
        if (requestedReranker != null && !requestedReranker.isBlank()) {
            reranker = remote != null && remote.name().equals(requestedReranker) ? remote : named(requestedReranker);
        } else if (fixed != null) {
            reranker = fixed;
        } else if (remote != null) {
            reranker = remote;
        } else {
            reranker = named(collection.reranker() != null ? collection.reranker()
                    : fallback != null ? fallback : defaultReranker(collection.embeddingModel()));
        }
        double bm25Weight = requestedBm25Weight != null ? requestedBm25Weight
                : fixed != null ? CHINESE_BM25_WEIGHT : defaultBm25Weight(collection.embeddingModel());
        return new Ranking(reranker, bm25Weight);
    }

    private Reranker named(String name) {
        return embedded.computeIfAbsent(name, n -> LexicalRerankers.create(n));
    }
}
