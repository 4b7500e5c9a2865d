package dev.yunrag.api.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /v1/models}: OpenAI's model list. */
public record ModelList(String object, List<Model> data) {

    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    public static ModelList of(List<String> ids, long created) {
        return new ModelList("list", ids.stream().map(id -> new Model(id, "model", created, "yunrag")).toList());
    }
}
