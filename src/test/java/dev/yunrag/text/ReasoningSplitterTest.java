package dev.yunrag.text;


import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.text.ReasoningSplitter.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasoningSplitterTest {

    @Test
    void inlineThinkBeforeTheAnswer() {
        Split split = ReasoningSplitter.split("<think>\n先想。\n</think>\n\n答案。", true);

        assertThat(split.reasoning()).isEqualTo("先想。");
        assertThat(split.answer()).isEqualTo("答案。");
    }

    @Test
    void missingOpeningTag() {
        Split split = ReasoningSplitter.split("先想。\n</think>\n答案。", false);

        assertThat(split.reasoning()).isEqualTo("先想。");
        assertThat(split.answer()).isEqualTo("答案。");
    }

    @Test
    void untaggedContentIsTheAnswerOfAnOrdinaryModel() {
        assertThat(ReasoningSplitter.split("答案。", false)).isEqualTo(new Split("", "答案。"));
    }

    @Test
    void untaggedContentOfAReasoningModelIsUnfinishedReasoning() {
        assertThat(ReasoningSplitter.split("先想", true)).isEqualTo(new Split("先想", ""));
    }

    @Test
    void openedButNeverClosedIsAllReasoning() {
        assertThat(ReasoningSplitter.split("<think>先想", false)).isEqualTo(new Split("先想", ""));
    }

    @Test
    void emptyAndNullAreEmpty() {
        assertThat(ReasoningSplitter.split(null, true).isEmpty()).isTrue();
        assertThat(ReasoningSplitter.split("", false).isEmpty()).isTrue();
    }

    /** Feeds deltas and records what comes out. */
    private static List<Split> feed(ReasoningSplitter.Incremental splitter, String... deltas) {
        List<Split> out = new ArrayList<>();
        for (String delta : deltas) {
            out.add(splitter.feed(delta));
        }
        out.add(splitter.finish());
        return out;
    }

    private static String reasoning(List<Split> splits) {
        return String.join("", splits.stream().map(Split::reasoning).toList());
    }

    private static String answer(List<Split> splits) {
        return String.join("", splits.stream().map(Split::answer).toList());
    }

    @Test
    void tagsSplitAcrossDeltasAreNeverEmittedInPart() {
        // given: every possible cut of the text into two deltas
        String text = "<think>推理</think>答案";
        for (int cut = 0; cut <= text.length(); cut++) {
            for (boolean reasoningModel : new boolean[] {true, false}) {
                // when
                List<Split> out = feed(ReasoningSplitter.incremental(reasoningModel),
                        text.substring(0, cut), text.substring(cut));
                // then
                assertThat(reasoning(out)).as("cut %d", cut).isEqualTo("推理");
                assertThat(answer(out)).as("cut %d", cut).isEqualTo("答案");
                assertThat(out).allSatisfy(split -> {
                    assertThat(split.reasoning()).doesNotContain("<", ">");
                    assertThat(split.answer()).doesNotContain("<", ">");
                });
            }
        }
    }

    @Test
    void characterByCharacterWithoutOpeningTag() {
        String text = "推理过程</think>\n\n答案是2。";
        ReasoningSplitter.Incremental splitter = ReasoningSplitter.incremental(true);

        List<Split> out = feed(splitter, text.split(""));

        assertThat(reasoning(out)).isEqualTo("推理过程");
        assertThat(answer(out)).isEqualTo("答案是2。");
        assertThat(splitter.reasoning()).isEqualTo("推理过程");
        assertThat(splitter.answer()).isEqualTo("答案是2。");
    }

    @Test
    void reasoningIsEmittedAsItArrivesNotAtTheEnd() {
        ReasoningSplitter.Incremental splitter = ReasoningSplitter.incremental(true);

        Split first = splitter.feed("<think>第一步，");

        assertThat(first.reasoning()).isEqualTo("第一步，");
        assertThat(first.answer()).isEmpty();
    }

    @Test
    void ordinaryModelStreamsTheAnswerAtOnce() {
        ReasoningSplitter.Incremental splitter = ReasoningSplitter.incremental(false);

        assertThat(splitter.feed("你好")).isEqualTo(new Split("", "你好"));
        assertThat(splitter.feed("，世界")).isEqualTo(new Split("", "，世界"));
    }

    @Test
    void aLoneLessThanSignIsAnswerNotAHeldBackTag() {
        ReasoningSplitter.Incremental splitter = ReasoningSplitter.incremental(false);

        List<Split> out = feed(splitter, "<", "3 是小于号");

        assertThat(answer(out)).isEqualTo("<3 是小于号");
        assertThat(reasoning(out)).isEmpty();
    }

    @Test
    void separateReasoningFieldMakesUntaggedContentTheAnswer() {
        ReasoningSplitter.Incremental splitter = ReasoningSplitter.incremental(true);
        splitter.reasoningDeliveredSeparately();

        assertThat(feed(splitter, "答案")).first().isEqualTo(new Split("", "答案"));
    }

    @Test
    void streamEndingInsideThinkingFlushesTheHeldBackPartAsReasoning() {
        ReasoningSplitter.Incremental splitter = ReasoningSplitter.incremental(true);

        List<Split> out = feed(splitter, "<think>想</th");

        assertThat(reasoning(out)).isEqualTo("想</th");
        assertThat(answer(out)).isEmpty();
    }
}
