package dev.yunrag.config;

import java.util.Locale;

/**
 * {@code yunrag.retrieval.embedded-reranker}: reranking when no remote reranker is configured. Written in
 * configuration as {@link #value()} ({@code auto}, {@code lexical-coverage}, {@code none}).
 */
public enum RerankerChoice {
    /** Per collection by its language: lexical coverage for Chinese, none for English. */
    AUTO,
    /** Question-term coverage re-scoring. */
    LEXICAL_COVERAGE,
    /** The fused order. */
    NONE;

    /** The name as written in configuration and recorded in a collection. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
