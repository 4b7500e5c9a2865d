package dev.yunrag.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.model.ApiTimings;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The timings lines of {@code ask}: our stages in milliseconds, and the 云网 service's own figures on a line of their
 * own with their units (its raw {@code prefill_time} is in the configured unit, not in milliseconds). Reads the answer
 * as JSON because {@code ask} prints answers from a running server and from this process alike.
 */
final class AnswerTimingsText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AnswerTimingsText() {
    }

    static String of(JsonNode answer) {
        StringJoiner stages = new StringJoiner(", ", "Timings (ms): {", "}");
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("timings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> stage = it.next();
            if (!stage.getKey().equals("apiPrefill") && !stage.getKey().equals("apiDecode")) {
                stages.add(stage.getKey() + "=" + stage.getValue().asText());
            }
        }
        JsonNode api = answer.path("apiTimings");
        if (!api.isObject()) {
            return stages.toString();
        }
        try {
            return stages + System.lineSeparator() + "云网 timings: " + MAPPER.treeToValue(api, ApiTimings.class).describe();
        } catch (JsonProcessingException e) {
            return stages.toString();
        }
    }
}
