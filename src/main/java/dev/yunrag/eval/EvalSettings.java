package dev.yunrag.eval;

import dev.yunrag.embed.TokenCounters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluation run: which data, which pipeline settings. Everything that changes the index (model, analyzer, chunk
 * sizes) is part of the scratch collection's name, so a rerun with the same settings reuses the index and a run with
 * other settings never reads a stale one.
 *
 * @param datasetDir          folder with corpus.jsonl, queries*.jsonl, qrels*.tsv
 * @param queriesFile         queries file, null for the folder's first queries*.jsonl
 * @param qrelsFile           qrels file, null for the folder's first qrels*.tsv
 * @param limit               run only the first N queries, null for all
 * @param answersLimit        with answers, answer only the first N of the queries run (the extractive answerer is
 *                            the slow part of a run), null for all
 * @param embeddingModel      embedder id, e.g. bge-small-zh-v15
 * @param analyzer            BM25 analyzer: cjk, smartcn or cjk-porter
 * @param chunkTokens         chunk budget in tokens
 * @param overlapTokens       overlap between chunks in tokens
 * @param reranker            embedded reranker: none, lexical-coverage, or auto (the collection's own: by its language)
 * @param rrfK                reciprocal rank fusion constant
 * @param candidates          candidates per list (BM25, kNN); at least 100 so that Recall@50 over documents is
 *                            not cut short when several chunks of one document take several places
 * @param rerankCandidates    fused candidates the reranker reorders
 * @param topK                passages selected for the answer
 * @param promptTokenBudget   token budget of the selected passages
 * @param answers             also produce and score the extractive answer
 * @param langchain4jBaseline also run LangChain4j's recommended starter pipeline on the same data
 * @param unanswerableQueries with answers: a queries file (another set's) asked against this corpus, which cannot
 *                            answer them; the extractive answer should abstain. Null for none
 * @param details             with answers: where to write one JSON line per answered question (the sentences that
 *                            competed and their scores), null for none
 * @param bm25Weight          weight of the BM25 list in the fusion (vector: 1), null for the collection's language
 *                            default
 */
public record EvalSettings(Path datasetDir, Path queriesFile, Path qrelsFile, Integer limit, Integer answersLimit,
                           String embeddingModel, String analyzer, int chunkTokens, int overlapTokens,
                           String reranker, int rrfK, int candidates, int rerankCandidates, int topK,
                           int promptTokenBudget, boolean answers, boolean langchain4jBaseline,
                           Path unanswerableQueries, Path details, Double bm25Weight) {

    /** Fewer candidates than this per list would make document-level Recall@50 undercount. */
    public static final int MIN_CANDIDATES = 100;

    public EvalSettings {
        if (chunkTokens < 16 || overlapTokens < 0 || overlapTokens >= chunkTokens) {
            throw new IllegalArgumentException("Need chunk tokens >= 16 and 0 <= overlap < chunk tokens, got "
                    + chunkTokens + "/" + overlapTokens);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        if (answersLimit != null && (answersLimit < 1 || !answers)) {
            throw new IllegalArgumentException("--answers-limit must be at least 1 and needs --answers");
        }
        if ((unanswerableQueries != null || details != null) && !answers) {
            throw new IllegalArgumentException("--unanswerable-queries and --details need --answers");
        }
        candidates = Math.max(candidates, MIN_CANDIDATES);
        if (bm25Weight != null && !(bm25Weight >= 0)) {
            throw new IllegalArgumentException("--bm25-weight must be 0 or more, was " + bm25Weight);
        }
    }

    /** Settings with the collection's language default fusion weight. */
    public EvalSettings(Path datasetDir, Path queriesFile, Path qrelsFile, Integer limit, Integer answersLimit,
                        String embeddingModel, String analyzer, int chunkTokens, int overlapTokens,
                        String reranker, int rrfK, int candidates, int rerankCandidates, int topK,
                        int promptTokenBudget, boolean answers, boolean langchain4jBaseline) {
        this(datasetDir, queriesFile, qrelsFile, limit, answersLimit, embeddingModel, analyzer, chunkTokens,
                overlapTokens, reranker, rrfK, candidates, rerankCandidates, topK, promptTokenBudget, answers,
                langchain4jBaseline, null, null, null);
    }

    /** The reranker a query asks for: null when the collection's own applies ({@code auto}). */
    String requestedReranker() {
        return reranker == null || "auto".equals(reranker) ? null : reranker;
    }

    /** Whether the query at this position (0-based, in the order run) gets an extractive answer. */
    boolean answers(int queryIndex) {
        return answers && (answersLimit == null || queryIndex < answersLimit);
    }

    /**
     * e.g. {@code eval-cmrc2018-bge-small-zh-v15-cjk-256-32}; collections whose chunks are counted in the en
     * vocabulary end in {@code -entok} (their chunks differ from those of earlier runs counted in the zh one).
     */
    public String collectionName(String datasetName) {
        String safe = datasetName.replaceAll("[^A-Za-z0-9_.-]", "_");
        String vocabulary = TokenCounters.EN.equals(TokenCounters.vocabularyOf(embeddingModel)) ? "-entok" : "";
        return "eval-" + safe + "-" + embeddingModel + "-" + analyzer + "-" + chunkTokens + "-" + overlapTokens
                + vocabulary;
    }

    /** The settings as reported in the JSON "config" object. */
    Map<String, Object> describe(String collection) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("collection", collection);
        config.put("embeddingModel", embeddingModel);
        config.put("analyzer", analyzer);
        config.put("tokenizer", TokenCounters.vocabularyOf(embeddingModel));
        config.put("chunkTokens", chunkTokens);
        config.put("overlapTokens", overlapTokens);
        config.put("reranker", reranker);
        config.put("bm25Weight", bm25Weight);
        config.put("rrfK", rrfK);
        config.put("candidatesPerList", candidates);
        config.put("rerankCandidates", rerankCandidates);
        config.put("topK", topK);
        config.put("promptTokenBudget", promptTokenBudget);
        config.put("limit", limit);
        config.put("answersLimit", answersLimit);
        config.put("queriesFile", queriesFile == null ? null : queriesFile.toString());
        config.put("qrelsFile", qrelsFile == null ? null : qrelsFile.toString());
        config.put("answers", answers ? "extractive" : null);
        config.put("baseline", langchain4jBaseline ? LangChain4jBaseline.DESCRIPTION : null);
        config.put("unanswerableQueries", unanswerableQueries == null ? null : unanswerableQueries.toString());
        return config;
    }
}
