package dev.yunrag.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one configuration root of YunRAG. Every key is documented in docs/configuration.md with its default.
 * Operator settings go in the top-level {@code application.properties} (or environment variables such as
 * {@code YUNRAG_DATA_DIR}); the defaults below and in {@code src/main/resources/application.properties} apply otherwise.
 */
@ConfigMapping(prefix = "yunrag")
public interface YunragConfig {

    /** Where all indexes and ledgers live. Env: {@code YUNRAG_DATA_DIR}. */
    @WithDefault("./data")
    Path dataDir();

    /** The collection used when a request or command names none. */
    @WithDefault("default")
    String defaultCollection();

    Ingest ingest();

    Parse parse();

    Chunking chunking();

    Index index();

    Embedding embedding();

    Retrieval retrieval();

    Answer answer();

    /** The 云网 LLM API ({@code yunrag.api.*}). */
    ApiConfig api();

    /** Text in images and scanned pages ({@code yunrag.images.*}). */
    ImagesConfig images();

    /**
     * The test suite's switch for its slow tests ({@code ./mvnw test -Dyunrag.slow=true}); the service ignores it.
     * Declared because Maven hands {@code -D} properties to the test JVM, where an unknown {@code yunrag.*} key would
     * stop every {@code @QuarkusTest} from booting.
     */
    java.util.Optional<Boolean> slow();

    /** The SolrCloud cluster used with {@code yunrag.index.backend=solr} ({@code yunrag.solr.*}). */
    Solr solr();

    interface Solr {
        /** ZooKeeper hosts, {@code host:port}, a chroot after the last one; used when set, else {@link #urls()}. */
        java.util.Optional<java.util.List<String>> zkHosts();

        /** Solr base URLs ({@code http://solr1:8983/solr}); the client asks these nodes for the cluster state. */
        java.util.Optional<java.util.List<String>> urls();

        /** Basic auth user, when the cluster requires one. */
        java.util.Optional<String> user();

        /** Basic auth password; never logged. */
        java.util.Optional<String> password();

        /** Shards of a collection YunRAG creates (existing collections keep theirs). */
        @WithDefault("2")
        int shards();

        /** Replicas per shard of a collection YunRAG creates. */
        @WithDefault("2")
        int replicas();

        /** How long one Solr request may take before it fails. */
        @WithDefault("30s")
        Duration requestTimeout();

        /** How long opening a connection to a Solr node may take before it fails. */
        @WithDefault("10s")
        Duration connectTimeout();
    }

    /** API keys and request limits ({@code yunrag.security.*}). */
    Security security();

    interface Security {
        /**
         * API keys, comma-separated {@code key:role[:collection|collection...]} with role {@code reader} or
         * {@code admin}; without a collection list a key may use every collection. None (the default): the API is
         * open, meant for localhost. Env: {@code YUNRAG_SECURITY_KEYS}. Never logged.
         */
        java.util.Optional<java.util.List<String>> keys();

        /**
         * Any request body (an upload of several files included) declaring a larger Content-Length is refused with 413
         * in the API's error shape before it is read. Keep {@code quarkus.http.limits.max-body-size} (110M) above it:
         * Quarkus's own limit answers 413 with an empty body.
         */
        @WithDefault("113246208")
        long maxBodyBytes();

        /** JSON request bodies (ask, search, chat completions) larger than this are refused with 413. */
        @WithDefault("1048576")
        long maxJsonBytes();

        /**
         * With no keys the server listens on 127.0.0.1 only, unless this is true or {@code quarkus.http.host} is set
         * by the operator ({@link LoopbackWithoutKeys}).
         */
        @WithDefault("false")
        boolean listenOpenWithoutKeys();

        /**
         * A file of further key entries, one {@code key:role[:collections]} a line ({@code #} comments), re-read when
         * it changes: keys are added, rotated and revoked without a restart ({@code dev.yunrag.security.AccessPolicy}).
         */
        java.util.Optional<java.nio.file.Path> keysFile();

        /** Requests per minute per API key (a burst of as many is allowed); 0 turns the limit off. */
        @WithDefault("0")
        int requestsPerMinute();
    }

    interface Ingest {
        /** Files larger than this are refused before parsing. */
        @WithDefault("104857600")
        long maxFileBytes();

        /** A parse that runs longer than this is abandoned and the file reported failed. */
        @WithDefault("60s")
        Duration parseTimeout();

        /** Parsed text beyond this many characters is refused (guards against decompression bombs). */
        @WithDefault("20000000")
        int maxTextChars();

        /**
         * A ZIP-based file (DOCX, XLSX, ODF, EPUB ...) whose entries declare more uncompressed bytes than this, one
         * entry or all together, is refused from its central directory before anything is inflated.
         */
        @WithDefault("1073741824")
        long maxExpandedBytes();

        /** A ZIP entry of 1 MB or more that declares more than this many times its compressed size is refused. */
        @WithDefault("100")
        int maxCompressionRatio();

        /** Chunks embedded per call to the embedding model. */
        @WithDefault("32")
        int embedBatchSize();

        /**
         * Embedding calls of {@code embed-batch-size} chunks in flight at once, so that a remote endpoint always has
         * the next requests waiting (docs/benchmarks.md); bounds the texts held for embedding.
         */
        @WithDefault("4")
        int embedCallsInFlight();

        /** A commit is made at least this often during a long ingestion, so a crash loses little work. */
        @WithDefault("15s")
        Duration commitInterval();
    }

    /** Where files are parsed (issue 18): in parser processes of their own heap, or in the server. */
    interface Parse {
        /**
         * {@code process}: each file is parsed in a child JVM (a pool of {@code processes}, each with {@code heap}),
         * killed at the parse timeout, so a bomb or a parser crash costs one file; {@code in-process}: in the server.
         */
        @WithDefault("process")
        String isolation();

        /** Parser processes at most (parses running at once; more wait for a free one). */
        @WithDefault("2")
        int processes();

        /** Each parser process's heap limit (-Xmx): a file that needs more fails as "parser ran out of memory". */
        @WithDefault("512m")
        String heap();
    }

    interface Chunking {
        /**
         * Target chunk size in the embedding model's tokens (bge models read at most 512). 384 rather than 256: more
         * answers reach the model's first passages at no extra prompt tokens (docs/evaluation.md).
         */
        @WithDefault("384")
        int maxTokens();

        /** Tokens of trailing sentences repeated at the start of the next chunk. */
        @WithDefault("48")
        int overlapTokens();
    }

    interface Index {
        /**
         * Where collections live: {@code lucene} (the embedded index under {@code yunrag.data-dir}) or {@code solr}
         * (the SolrCloud cluster of {@code yunrag.solr.*}). Env: {@code YUNRAG_INDEX_BACKEND}.
         */
        @WithDefault("lucene")
        IndexBackend backend();

        /**
         * Analyzer for the BM25 field of new collections, recorded per collection: {@code cjk} (bigrams),
         * {@code smartcn} or {@code cjk-porter} ({@code cjk} plus English stemming, for English collections).
         */
        @WithDefault("cjk")
        Bm25Analyzer analyzer();

        /**
         * How new collections store their vectors for HNSW search: {@code float32}, {@code int8}, {@code int4} or
         * {@code binary} (Lucene's scalar quantization; see docs/benchmarks.md for recall and size). Recorded per
         * collection; existing collections keep theirs.
         */
        @WithDefault("float32")
        VectorFormat vectorFormat();

        /**
         * For collections with a quantized vector format: kNN search takes this many times as many candidates by
         * the quantized scores, then keeps the best by the float32 vectors, which restores most of the recall that
         * quantization loses (docs/benchmarks.md). 1 turns it off. No effect on float32 collections.
         */
        @WithDefault("1")
        int rescoreOversample();
    }

    interface Embedding {
        /**
         * Embedding model for new collections when no remote embedding endpoint is configured:
         * {@code bge-small-zh-v15} (in process). With {@code yunrag.api.embedding.base-url} (or the shared
         * {@code yunrag.api.base-url}) set, the remote model named in {@code yunrag.api.embedding.model} is used.
         */
        @WithDefault("bge-small-zh-v15")
        String model();

        /** Load the in-process model at start-up rather than on first use (it needs ~320 MB of heap). */
        @WithDefault("true")
        boolean eagerLoad();
    }

    interface Retrieval {
        /** Candidates taken from each of BM25 and kNN before fusion. */
        @WithDefault("50")
        int candidates();

        /** Reciprocal rank fusion constant k. */
        @WithDefault("60")
        int rrfK();

        /** Fused candidates handed to the reranker. */
        @WithDefault("50")
        int rerankCandidates();

        /** Passages handed to the answer model. */
        @WithDefault("6")
        int topK();

        /**
         * Reranking without a remote reranker: {@code auto} (per collection by its language: {@code lexical-coverage}
         * for Chinese, {@code none} for English), {@code lexical-coverage} (question-term coverage re-scoring) or
         * {@code none} (fused order). A collection created with a name records it. Ignored when
         * {@code yunrag.api.rerank} is configured.
         */
        @WithDefault("auto")
        RerankerChoice embeddedReranker();

        /** Token budget for all passages in the prompt. */
        @WithDefault("3000")
        int promptTokenBudget();
    }

    interface Answer {
        /** Answer model used when a request names none (a catalogue name); ignored without a chat endpoint. */
        @WithDefault("TianQing-72B")
        String defaultModel();

        /** Sentences in an extractive answer. */
        @WithDefault("3")
        int extractiveSentences();

        /**
         * Candidate sentences (the best on words, passage rank and expected facts) that an extractive answer embeds to
         * compare with the question; the others are not quoted. Embedding is the whole cost of an extractive answer.
         */
        @WithDefault("12")
        int extractiveEmbeddedSentences();
    }
}
