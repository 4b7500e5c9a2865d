package dev.yunrag.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.yunrag.answer.Answer;
import dev.yunrag.api.PassageView;
import java.util.List;

/**
 * The YunRAG extension object {@code yunrag} on a completion's message and on the final chunk's delta: fields an
 * OpenAI client does not know and ignores. {@code answered} is false when the documents do not answer the question;
 * {@code related} then holds the closest passages (never citations).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record YunragExtension(boolean answered, List<PassageView> related) {

    static YunragExtension of(Answer answer) {
        return new YunragExtension(answer.answered(), PassageView.list(answer.related()));
    }
}
