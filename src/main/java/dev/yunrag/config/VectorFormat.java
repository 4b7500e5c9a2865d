package dev.yunrag.config;

import java.util.Locale;

/**
 * {@code yunrag.index.vector-format}: how new collections store their vectors for HNSW search. Written in
 * configuration as {@link #value()} ({@code float32}, {@code int8}, {@code int4}, {@code binary}).
 */
public enum VectorFormat {
    FLOAT32, INT8, INT4, BINARY;

    /** The name as written in configuration and recorded in a collection. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
