package dev.yunrag.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.answer.Answer;
import dev.yunrag.embed.TokenCounter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** usage: the model's own counts win; without them the tokenizer counts question, passages, answer and reasoning. */
class TokenUsageTest {

    /** One token per character, so that expected counts are obvious. */
    private static final TokenCounter CHARS = String::length;

    private static Answer answer(String text, String reasoning, Map<String, Integer> usage) {
        return new Answer(text, Answer.GENERATIVE, "m", reasoning, List.of(), List.of(), List.of(), "q", Map.of(),
                usage, 0, List.of(), true, List.of(), List.of(), false, null);
    }

    @Test
    void reportedUsageIsPassedThrough() {
        var usage = TokenUsage.of(answer("abc", null, Map.of("promptTokens", 321, "completionTokens", 17,
                "totalTokens", 338)), "question", CHARS);
        assertThat(usage).isEqualTo(new ChatCompletion.Usage(321, 17, 338));
    }

    @Test
    void aModelThatSendsNoUsageIsCountedWithTheTokenizer() {
        var usage = TokenUsage.of(answer("answer", "why", Map.of()), "question", CHARS);
        assertThat(usage).isEqualTo(new ChatCompletion.Usage(8, 9, 17));
    }

    @Test
    void withoutAReportOrACounterThereIsNoUsage() {
        assertThat(TokenUsage.of(answer("answer", null, null), "question", null)).isNull();
    }
}
