package dev.yunrag.config;

import java.util.Locale;

/**
 * {@code yunrag.api.models."NAME".kind}: what a catalogue model is for. Written in configuration as {@link #value()}.
 */
public enum ModelKind {
    /** An answer model. */
    CHAT,
    /** An answer model that writes its reasoning into the output first (DeepSeek-R1 style). */
    REASONING,
    EMBEDDING,
    RERANK,
    /** Reads images (not an answer model). */
    VISION;

    /** The name as written in configuration. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether models of this kind answer questions. */
    public boolean answers() {
        return this == CHAT || this == REASONING;
    }
}
