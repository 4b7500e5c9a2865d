package dev.yunrag.config;

import java.util.Locale;

/**
 * {@code yunrag.index.backend}: where collections live. Written in configuration as {@link #value()}
 * ({@code lucene}: the embedded index under {@code yunrag.data-dir}; {@code solr}: the SolrCloud cluster of
 * {@code yunrag.solr.*}).
 */
public enum IndexBackend {
    LUCENE, SOLR;

    /** The name as written in configuration. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
