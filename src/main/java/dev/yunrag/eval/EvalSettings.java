package dev.yunrag.eval;

import dev.yunrag.embed.TokenCounters;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.retrieve.HybridRetriever;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluation run: which data, how the scratch collection is indexed, how queries are ranked, which answers are
 * scored. Everything that changes the index ({@link Indexing}) is part of the scratch collection's name, so a rerun
 * with the same settings reuses the index and a run with other settings never reads a stale one. The settings the
 * run does not choose come from the configuration ({@code dev.yunrag.app.Pipelines} fills them), so evaluation
 * measures what production runs.
 *
 * @param dataset             the data and how much of it
 * @param indexing            how the corpus is indexed
 * @param ranking             how queries are ranked
 * @param answering           which answers are produced and scored
 * @param langchain4jBaseline also run LangChain4j's recommended starter pipeline on the same data
 */
public record EvalSettings(Dataset dataset, Indexing indexing, Ranking ranking, Answering answering,
                           boolean langchain4jBaseline) {

    /** Fewer candidates than this per list would make document-level Recall@50 undercount. */
    public static final int MIN_CANDIDATES = 100;

    /**
     * @param dir         folder with corpus.jsonl, queries*.jsonl, qrels*.tsv
     * @param queriesFile queries file, null for the folder's first queries*.jsonl
     * @param qrelsFile   qrels file, null for the folder's first qrels*.tsv
     * @param limit       run only the first N queries, null for all
     */
    public record Dataset(Path dir, Path queriesFile, Path qrelsFile, Integer limit) {
        public Dataset {
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1");
            }
        }
    }

    /**
     * @param embeddingModel embedder id, e.g. bge-small-zh-v15
     * @param analyzer       BM25 analyzer: cjk, smartcn or cjk-porter
     * @param vectorFormat   vector format: float32, int8, int4 or binary ({@code yunrag.index.vector-format})
     * @param chunkTokens    chunk budget in tokens
     * @param overlapTokens  overlap between chunks in tokens
     */
    public record Indexing(String embeddingModel, String analyzer, String vectorFormat, int chunkTokens,
                           int overlapTokens) {
        public Indexing {
            if (chunkTokens < 16 || overlapTokens < 0 || overlapTokens >= chunkTokens) {
                throw new IllegalArgumentException("Need chunk tokens >= 16 and 0 <= overlap < chunk tokens, got "
                        + chunkTokens + "/" + overlapTokens);
            }
            if (!IndexSettings.VECTOR_FORMATS.contains(vectorFormat)) {
                throw new IllegalArgumentException("Unknown vector format '" + vectorFormat + "'");
            }
        }
    }

    /**
     * @param reranker   embedded reranker: none, lexical-coverage, or auto (the collection's own: by its language)
     * @param bm25Weight weight of the BM25 list in the fusion (vector: 1), null for the collection's language default
     * @param retrieval  candidates per list (at least {@link #MIN_CANDIDATES}, so that Recall@50 over documents is not
     *                   cut short when several chunks of one document take several places), RRF k, rerank
     *                   candidates, passages selected, their token budget
     */
    public record Ranking(String reranker, Double bm25Weight, HybridRetriever.Settings retrieval) {
        public Ranking {
            if (bm25Weight != null && !(bm25Weight >= 0)) {
                throw new IllegalArgumentException("--bm25-weight must be 0 or more, was " + bm25Weight);
            }
        }

        /** The reranker a query asks for: null when the collection's own applies ({@code auto}). */
        String requested() {
            return reranker == null || "auto".equals(reranker) ? null : reranker;
        }
    }

    /**
     * @param extractive          produce and score the extractive answer
     * @param limit               answer only the first N of the queries run (the extractive answerer is the slow part
     *                            of a run), null for all
     * @param unanswerableQueries a queries file (another set's) asked against this corpus, which cannot answer them;
     *                            the extractive answer should abstain. Null for none
     * @param details             where to write one JSON line per answered question (the sentences that competed and
     *                            their scores), null for none
     */
    public record Answering(boolean extractive, Integer limit, Path unanswerableQueries, Path details) {
        /** No answers: retrieval only. */
        public static final Answering NONE = new Answering(false, null, null, null);

        public Answering {
            if (limit != null && (limit < 1 || !extractive)) {
                throw new IllegalArgumentException("--answers-limit must be at least 1 and needs --answers");
            }
            if ((unanswerableQueries != null || details != null) && !extractive) {
                throw new IllegalArgumentException("--unanswerable-queries and --details need --answers");
            }
        }

        /** Whether the query at this position (0-based, in the order run) gets an extractive answer. */
        boolean answers(int queryIndex) {
            return extractive && (limit == null || queryIndex < limit);
        }
    }

    /**
     * e.g. {@code eval-cmrc2018-bge-small-zh-v15-cjk-256-32}; collections whose chunks are counted in the en
     * vocabulary end in {@code -entok} (their chunks differ from those of earlier runs counted in the zh one), those
     * with quantized vectors in their format ({@code -int8}).
     */
    public String collectionName(String datasetName) {
        String safe = datasetName.replaceAll("[^A-Za-z0-9_.-]", "_");
        String vocabulary = TokenCounters.EN.equals(TokenCounters.vocabularyOf(indexing.embeddingModel()))
                ? "-entok" : "";
        String vectors = IndexSettings.FLOAT32.equals(indexing.vectorFormat()) ? "" : "-" + indexing.vectorFormat();
        return "eval-" + safe + "-" + indexing.embeddingModel() + "-" + indexing.analyzer() + "-"
                + indexing.chunkTokens() + "-" + indexing.overlapTokens() + vocabulary + vectors;
    }

    /** The settings as reported in the JSON "config" object. */
    Map<String, Object> describe(String collection) {
        HybridRetriever.Settings retrieval = ranking.retrieval();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("collection", collection);
        config.put("embeddingModel", indexing.embeddingModel());
        config.put("analyzer", indexing.analyzer());
        config.put("vectorFormat", indexing.vectorFormat());
        config.put("tokenizer", TokenCounters.vocabularyOf(indexing.embeddingModel()));
        config.put("chunkTokens", indexing.chunkTokens());
        config.put("overlapTokens", indexing.overlapTokens());
        config.put("reranker", ranking.reranker());
        config.put("bm25Weight", ranking.bm25Weight());
        config.put("rrfK", retrieval.rrfK());
        config.put("candidatesPerList", retrieval.candidates());
        config.put("rerankCandidates", retrieval.rerankCandidates());
        config.put("topK", retrieval.topK());
        config.put("promptTokenBudget", retrieval.promptTokenBudget());
        config.put("limit", dataset.limit());
        config.put("answersLimit", answering.limit());
        config.put("queriesFile", dataset.queriesFile() == null ? null : dataset.queriesFile().toString());
        config.put("qrelsFile", dataset.qrelsFile() == null ? null : dataset.qrelsFile().toString());
        config.put("answers", answering.extractive() ? "extractive" : null);
        config.put("baseline", langchain4jBaseline ? LangChain4jBaseline.DESCRIPTION : null);
        config.put("unanswerableQueries", answering.unanswerableQueries() == null ? null
                : answering.unanswerableQueries().toString());
        return config;
    }
}
