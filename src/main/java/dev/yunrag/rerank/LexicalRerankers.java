package dev.yunrag.rerank;


/**
 * Builds the lexical rerankers that run in process when no remote cross-encoder is configured (the
 * {@code yunrag.retrieval.embedded-reranker} values): {@code lexical-coverage} re-scores by idf-weighted question-term
 * coverage plus a fused-rank prior; {@code none} keeps the fused order. docs/evaluation.md has the measurements
 * behind the default.
 */
public final class LexicalRerankers {

    public static final String NONE = "none";
    public static final String LEXICAL_COVERAGE = "lexical-coverage";
    /** The configuration value choosing per collection, by its language ({@code RankingPolicy}). */
    public static final String AUTO = "auto";

    /** Whether {@code name} is a reranker this class builds. */
    public static boolean isKnown(String name) {
        return NONE.equals(name) || LEXICAL_COVERAGE.equals(name);
    }

    private LexicalRerankers() {
    }

    public static Reranker create(String name) {
        return switch (name) {
            case NONE -> new Reranker(NONE, null);
            // Where one reranker must stand for all collections, auto is the default language's (Chinese).
            case AUTO -> create(LEXICAL_COVERAGE);
            case LEXICAL_COVERAGE -> new Reranker(LEXICAL_COVERAGE, new LexicalCoverageScorer(0.3));
            default -> throw new IllegalArgumentException("Unknown embedded reranker '" + name
                    + "': use " + LEXICAL_COVERAGE + " or " + NONE);
        };
    }
}
