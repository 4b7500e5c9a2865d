package dev.yunrag.config;

import java.util.Locale;

/**
 * {@code yunrag.index.analyzer}: the analyzer of new collections' BM25 fields. Written in configuration as
 * {@link #value()} ({@code cjk}, {@code smartcn}, {@code cjk-porter}); any other value stops start-up with the list.
 */
public enum Bm25Analyzer {
    /** Overlapping character bigrams (Simplified and Traditional Chinese alike, no dictionary). */
    CJK,
    /** Dictionary-driven word segmentation of Simplified Chinese. */
    SMARTCN,
    /** {@code cjk} plus English possessive removal and Porter stemming, for English collections. */
    CJK_PORTER;

    /** The name as written in configuration and recorded in a collection. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
