package dev.yunrag.yunwang;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The chat models the service may use, by catalogue name (e.g. {@code DeepSeek-R1-32B}), with their defaults. A
 * request that names a model picks its entry; a name not in the catalogue is sent to the server as it is, with the
 * default model's parameters, since the list "will be updated" faster than our configuration.
 */
public final class ChatModelCatalogue {

    private final Map<String, ChatDefaults> models;
    private final String defaultModel;

    public ChatModelCatalogue(Map<String, ChatDefaults> models, String defaultModel) {
        this.models = Map.copyOf(new LinkedHashMap<>(models));
        this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
    }

    /** A catalogue of one model. */
    public static ChatModelCatalogue of(String name, ChatDefaults defaults) {
        return new ChatModelCatalogue(Map.of(name, defaults), name);
    }

    public String defaultModel() {
        return defaultModel;
    }

    public Map<String, ChatDefaults> models() {
        return models;
    }

    /** The defaults for a catalogue name or remote model id; null or blank means the default model. */
    public ChatDefaults resolve(String requested) {
        String name = requested == null || requested.isBlank() ? defaultModel : requested;
        ChatDefaults byName = models.get(name);
        if (byName != null) {
            return byName;
        }
        for (ChatDefaults defaults : models.values()) {
            if (defaults.remoteModel().equals(name)) {
                return defaults;
            }
        }
        ChatDefaults fallback = models.getOrDefault(defaultModel, ChatDefaults.documentExample(name));
        return new ChatDefaults(name, false, fallback.maxTokens(), fallback.temperature(), fallback.topP(),
                fallback.presencePenalty(), fallback.frequencyPenalty(), fallback.seed());
    }
}
