package dev.yunrag.cli;

import dev.yunrag.answer.Answer;
import dev.yunrag.answer.AnswerNotes;
import dev.yunrag.yunwang.ApiTimings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timings lines of {@code ask}: our stages in milliseconds, and the 云网 service's own figures on a line of their
 * own with their units (its raw {@code prefill_time} is in the configured unit, not in milliseconds).
 */
final class AnswerTimingsText {

    private AnswerTimingsText() {
    }

    static String of(Answer answer) {
        Map<String, Number> stages = new LinkedHashMap<>(answer.timings());
        stages.remove("apiPrefill");
        stages.remove("apiDecode");
        String text = "Timings (ms): " + stages;
        ApiTimings api = AnswerNotes.apiTimingsOf(answer.warnings());
        return api == null ? text : text + System.lineSeparator() + "云网 timings: " + api.describe();
    }
}
