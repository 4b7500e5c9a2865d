package dev.yunrag.app;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.yunrag.answer.AnswerModels;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.answer.AnswerStreamer;
import dev.yunrag.answer.ExtractiveAnswerer;
import dev.yunrag.config.IndexBackend;
import dev.yunrag.config.RerankerChoice;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.eval.EvalPipelines;
import dev.yunrag.eval.EvalSettings;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.index.solr.SolrSettings;
import dev.yunrag.ingest.DocumentParser;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.ingest.IngestionSettings;
import dev.yunrag.ingest.SentenceChunker;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.ingest.ZipExpansionLimits;
import dev.yunrag.ingest.image.ImageReading;
import dev.yunrag.ingest.isolation.ProcessIsolatedParser;
import dev.yunrag.rerank.LexicalRerankers;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RankingPolicy;
import dev.yunrag.rerank.Reranker;
import dev.yunrag.yunwang.CallBudget;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the configuration into the ingestion pipeline, the retriever and the answer service: the one place where
 * settings become objects. The CDI producers, {@code eval}, {@code bench} and the tests all build through it, so an
 * evaluation or a benchmark measures what the server runs; their own choices (an analyzer, chunk sizes, a model to
 * compare) are applied on top of the configured settings, never instead of them.
 */
@Singleton
public class Pipelines {

    /** Evaluation corpora are ingested as text records; a file reaching the parser is a bug. */
    private static final DocumentParser NO_FILES = (file, source) -> {
        throw new UnsupportedOperationException("evaluation corpora are ingested as text");
    };

    private final YunragConfig config;

    public Pipelines(YunragConfig config) {
        this.config = config;
    }

    public YunragConfig config() {
        return config;
    }

    // ---- ingestion

    /**
     * The store of all collections: with {@code yunrag.index.backend=lucene} the embedded index under {@code dataDir}
     * with the configured kNN re-scoring; with {@code solr} the SolrCloud cluster of {@code yunrag.solr.*}
     * (connected on first use, {@link SolrBackend}), and {@code dataDir} is not used.
     *
     * @throws IllegalArgumentException {@code solr} without {@code yunrag.solr.zk-hosts} or {@code yunrag.solr.urls}
     */
    public CollectionCatalog collections(Path dataDir) {
        return collections(config.index().backend(), dataDir);
    }

    /**
     * The store of {@code backend}, whichever {@code yunrag.index.backend} names: {@code migrate} reads one backend
     * and writes the other (the embedded index under {@code dataDir}, the cluster of {@code yunrag.solr.*}).
     *
     * @throws IllegalArgumentException as {@link #collections(Path)}
     */
    public CollectionCatalog collections(IndexBackend backend, Path dataDir) {
        if (backend == IndexBackend.SOLR) {
            return new SolrBackend(SolrBackend.settings(config));
        }
        return new LuceneCollections(dataDir, config.index().rescoreOversample());
    }

    /**
     * The cluster of {@code yunrag.solr.*} with another layout for new collections ({@code bench --backend solr}
     * compares 1 and 2 shards on one cluster).
     */
    public CollectionCatalog solrCollections(int shards, int replicas) {
        SolrSettings s = SolrBackend.settings(config);
        return new SolrBackend(new SolrSettings(s.zkHosts(), s.solrUrls(), s.user(), s.password(), shards, replicas,
                s.requestTimeout()));
    }

    /** Where {@code backend}'s collections live, for messages (the data directory, or the cluster sans password). */
    public String describe(IndexBackend backend) {
        return backend == IndexBackend.SOLR ? "solr " + SolrBackend.settings(config)
                : "lucene (embedded, under " + config.dataDir().toAbsolutePath().normalize() + ")";
    }

    /**
     * Where collections live, for the start-up log and health: the backend's word and its address (the data
     * directory, or the cluster without the password).
     *
     * @throws IllegalArgumentException as {@link #collections}
     */
    public String indexBackend() {
        return indexBackend(config);
    }

    static String indexBackend(YunragConfig config) {
        return config.index().backend() == IndexBackend.SOLR
                ? "solr " + SolrBackend.settings(config)
                : "lucene (embedded, under " + config.dataDir().toAbsolutePath().normalize() + ")";
    }

    /**
     * Tika with the configured limits and timeout, reading images as {@code images} says: in parser processes
     * ({@code yunrag.parse.isolation=process}, the default) or in the server. Image reading by the vision model calls
     * the server's 云网 client, so it parses in the server whatever the setting ({@link #parsesInProcess}).
     */
    public DocumentParser parser(ImageReading images) {
        YunragConfig.Ingest ingest = config.ingest();
        ZipExpansionLimits zipLimits = new ZipExpansionLimits(ingest.maxExpandedBytes(), ingest.maxCompressionRatio());
        if (parsesInProcess(images) == null) {
            YunragConfig.Parse parse = config.parse();
            return new ProcessIsolatedParser(ingest.maxFileBytes(), ingest.parseTimeout(), ingest.maxTextChars(),
                    zipLimits, images, config.images(), config.dataDir(), new ProcessIsolatedParser.Isolation(parse.processes(),
                    ProcessIsolatedParser.Isolation.megabytes(parse.heap())));
        }
        return new TikaDocumentParser(ingest.maxFileBytes(), ingest.parseTimeout(), ingest.maxTextChars(), images,
                zipLimits);
    }

    /** Why files are parsed in the server rather than in parser processes; null when they are not. */
    public String parsesInProcess(ImageReading images) {
        String mode = config.parse().isolation().strip().toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "in-process" -> "yunrag.parse.isolation=in-process";
            case "process" -> images.readsWithVision()
                    ? "images are read by the vision model through the server's 云网 client" : null;
            default -> throw new IllegalArgumentException("yunrag.parse.isolation is '" + config.parse().isolation()
                    + "': use process or in-process");
        };
    }

    /** The configured chunk size and overlap, counted in each collection's own model's tokens. */
    public SentenceChunker chunker(Function<String, TokenCounter> tokensByModel, String defaultModel) {
        return new SentenceChunker(tokensByModel, defaultModel, config.chunking().maxTokens(),
                config.chunking().overlapTokens());
    }

    /**
     * The configured ingestion settings (analyzer, vector format, recorded reranker, embedding batch and calls in
     * flight, commit interval), new collections getting {@code defaultEmbedder}.
     */
    public IngestionSettings ingestionSettings(String defaultEmbedder) {
        YunragConfig.Ingest ingest = config.ingest();
        return new IngestionSettings(defaultEmbedder, config.index().analyzer().value(),
                config.index().vectorFormat().value(), recordedReranker(), ingest.embedBatchSize(),
                ingest.embedCallsInFlight(), ingest.commitInterval());
    }

    public IngestionPipeline ingestion(CollectionCatalog collections, Function<String, Embedder> embedders,
                                       DocumentParser parser, SentenceChunker chunker, IngestionSettings settings) {
        return new IngestionPipeline(collections, embedders, parser, chunker, settings);
    }

    /** A configured embedded reranker is recorded in new collections; {@code auto} records none (language default). */
    private String recordedReranker() {
        RerankerChoice configured = config.retrieval().embeddedReranker();
        return configured == RerankerChoice.AUTO ? null : configured.value();
    }

    // ---- questions

    /** Candidates, RRF k, rerank candidates, passages and their token budget, as configured. */
    public HybridRetriever.Settings retrievalSettings() {
        return retrievalSettings(null, null);
    }

    /** The configured retrieval settings with at least {@code minCandidates} per list and another RRF k. */
    private HybridRetriever.Settings retrievalSettings(Integer minCandidates, Integer rrfK) {
        YunragConfig.Retrieval r = config.retrieval();
        int candidates = minCandidates == null ? r.candidates() : Math.max(r.candidates(), minCandidates);
        return new HybridRetriever.Settings(candidates, rrfK == null ? r.rrfK() : rrfK, r.rerankCandidates(),
                r.topK(), r.promptTokenBudget());
    }

    /**
     * The reranker reported for the service: the remote cross-encoder when configured, else the configured embedded
     * one ({@code auto} reported as the one Chinese collections, the default language's, get).
     */
    public Reranker reranker(Optional<ScoringModel> remote) {
        return remote.map(model -> new Reranker(config.api().rerank().model(), model))
                .orElseGet(() -> LexicalRerankers.create(embeddedDefault()));
    }

    private String embeddedDefault() {
        RerankerChoice configured = config.retrieval().embeddedReranker();
        return configured == RerankerChoice.AUTO ? RankingPolicy.CHINESE_RERANKER : configured.value();
    }

    /**
     * Rerankers per collection: the remote cross-encoder when configured; else a configured embedded reranker for
     * collections that recorded none, or with {@code auto} the default of each collection's language.
     */
    public RankingPolicy rankingPolicy(Optional<Reranker> remote) {
        if (remote.isPresent()) {
            return RankingPolicy.perCollection(remote.get());
        }
        RerankerChoice configured = config.retrieval().embeddedReranker();
        return configured == RerankerChoice.AUTO ? RankingPolicy.perCollection(null)
                : RankingPolicy.perCollection(null).withFallback(configured.value());
    }

    public HybridRetriever retriever(CollectionCatalog collections, Function<String, Embedder> embedders,
                                     RankingPolicy ranking, Function<String, TokenCounter> tokensByModel,
                                     HybridRetriever.Settings settings) {
        return new HybridRetriever(collections, embedders, ranking, tokensByModel, settings);
    }

    /** The extractive answerer as configured; {@code sentenceModel} compares sentences with the question. */
    public ExtractiveAnswerer extractiveAnswerer(EmbeddingModel sentenceModel) {
        YunragConfig.Answer answer = config.answer();
        return new ExtractiveAnswerer(sentenceModel, answer.extractiveSentences(),
                ExtractiveAnswerer.ALL_PASSAGES, answer.extractiveEmbeddedSentences());
    }

    /** The answer service; the question scope makes the answer model's deadline count from the question's start. */
    public AnswerService answerService(HybridRetriever retriever, AnswerModels models, EmbeddingModel sentenceModel) {
        String defaultModel = config.answer().defaultModel();
        return new AnswerService(AnswerService.Stages.defaults(retriever, models, defaultModel,
                extractiveAnswerer(sentenceModel), CallBudget::question), defaultModel, config.defaultCollection());
    }

    public AnswerStreamer answerStreamer(AnswerService answers) {
        return new AnswerStreamer(answers);
    }

    // ---- evaluation

    /**
     * An evaluation run's indexing: the configured analyzer, chunk sizes and vector format unless the run names its
     * own (null: as configured).
     */
    public EvalSettings.Indexing evalIndexing(String embeddingModel, String analyzer, Integer chunkTokens,
                                              Integer overlapTokens) {
        return new EvalSettings.Indexing(embeddingModel,
                analyzer == null ? config.index().analyzer().value() : analyzer,
                config.index().vectorFormat().value(),
                chunkTokens == null ? config.chunking().maxTokens() : chunkTokens,
                overlapTokens == null ? config.chunking().overlapTokens() : overlapTokens);
    }

    /**
     * An evaluation run's ranking: the configured retrieval settings with at least
     * {@link EvalSettings#MIN_CANDIDATES} candidates per list, and the run's reranker, BM25 weight and RRF k.
     */
    public EvalSettings.Ranking evalRanking(String reranker, Double bm25Weight, Integer rrfK) {
        return new EvalSettings.Ranking(reranker, bm25Weight,
                retrievalSettings(EvalSettings.MIN_CANDIDATES, rrfK));
    }

    /**
     * Evaluation's ingestion and retrieval over these embedders and token counters. Ingestion is production's with
     * the run's model and analyzer; its scratch collections record no reranker (each query names the run's, or the
     * collection's language default applies), and retrieval ranks by the collection's own ranking unless a query
     * names a reranker, as the service does with {@code auto}.
     */
    public EvalPipelines forEvaluation(Function<String, Embedder> embedders,
                                       Function<String, TokenCounter> tokensByModel) {
        return new EvalPipelines() {
            @Override
            public IngestionPipeline ingestion(CollectionCatalog collections, EvalSettings.Indexing indexing) {
                IngestionSettings settings = ingestionSettings(indexing.embeddingModel())
                        .withAnalyzer(indexing.analyzer()).withVectorFormat(indexing.vectorFormat())
                        .withCollectionReranker(null);
                SentenceChunker chunker = new SentenceChunker(tokensByModel, indexing.embeddingModel(),
                        indexing.chunkTokens(), indexing.overlapTokens());
                return Pipelines.this.ingestion(collections, embedders, NO_FILES, chunker, settings);
            }

            @Override
            public HybridRetriever retriever(CollectionCatalog collections, EvalSettings.Ranking ranking) {
                return Pipelines.this.retriever(collections, embedders, RankingPolicy.perCollection(null),
                        tokensByModel, ranking.retrieval());
            }
        };
    }
}
