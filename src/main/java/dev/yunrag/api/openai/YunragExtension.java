package dev.yunrag.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.yunrag.answer.Answer;
import dev.yunrag.api.PassageView;
import dev.yunrag.model.Citation;
import java.util.List;

/**
 * Everything YunRAG adds to an OpenAI completion, in one object named {@code yunrag} on {@code choices[0].message}
 * (and on the final stream chunk's {@code choices[0].delta}), so that OpenAI clients see a standard completion and
 * those that know can read citations and degradations. {@code answered} is false when the documents do not answer
 * the question; {@code related} then holds the closest passages (never citations).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record YunragExtension(List<Citation> citations, List<String> warnings, List<String> warningCodes,
                              boolean truncated, String mode, boolean answered, List<PassageView> related) {

    static YunragExtension of(Answer answer) {
        return new YunragExtension(answer.citations(), answer.warnings(), answer.warningCodes(),
                answer.truncated(), answer.mode(),
                answer.answered(), PassageView.list(answer.related()));
    }

    /** OpenAI's finish_reason for this answer: {@code length} when it was cut off, else {@code stop}. */
    static String finishReason(Answer answer) {
        return answer.truncated() ? "length" : "stop";
    }
}
