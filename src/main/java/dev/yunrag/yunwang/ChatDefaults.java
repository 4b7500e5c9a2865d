package dev.yunrag.yunwang;

import java.util.Objects;

/**
 * Per-model values for the request fields of {@code /v1/chat/completions} that a {@code ChatRequest} leaves unset.
 * Null fields are sent as JSON null (the document's example sends {@code "seed": null}).
 *
 * @param remoteModel    the {@code model} value the server knows
 * @param reasoningModel whether the model writes its reasoning into the content (DeepSeek-R1 style)
 */
public record ChatDefaults(String remoteModel, boolean reasoningModel, Integer maxTokens, Double temperature,
        Double topP, Double presencePenalty, Double frequencyPenalty, Long seed) {

    public ChatDefaults {
        Objects.requireNonNull(remoteModel, "remoteModel");
    }

    /** The document's example values, for a model not in the catalogue. */
    public static ChatDefaults documentExample(String remoteModel) {
        return new ChatDefaults(remoteModel, false, 1024, 0.01, 0.95, 1.03, 1.0, null);
    }
}
