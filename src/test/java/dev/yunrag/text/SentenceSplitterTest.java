package dev.yunrag.text;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> sentences(String text) {
        return SentenceSplitter.split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void splitsChineseOnFullStopsExclamationsQuestionsSemicolonsAndEllipses() {
        assertThat(sentences("今天下雨。明天呢？好极了！第一；第二……结束"))
                .containsExactly("今天下雨。", "明天呢？", "好极了！", "第一；", "第二……", "结束");
    }

    @Test
    void keepsClosingQuotesWithTheirSentence() {
        assertThat(sentences("他说：“我们明天出发。”大家都同意。")).containsExactly("他说：“我们明天出发。”", "大家都同意。");
    }

    @Test
    void splitsEnglishButNotDecimalsOrAbbreviations() {
        assertThat(sentences("Pi is 3.14 roughly. See e.g. the table. Done!"))
                .containsExactly("Pi is 3.14 roughly.", "See e.g. the table.", "Done!");
    }

    @Test
    void titlesInitialsAndReferenceAbbreviationsDoNotEndASentence() {
        assertThat(sentences("The St. Paul office opened. Dr. Li and J. Smith came. See Fig. 3 and No. 5. He said No. "
                + "Then we left."))
                .containsExactly("The St. Paul office opened.", "Dr. Li and J. Smith came.", "See Fig. 3 and No. 5.",
                        "He said No.", "Then we left.");
    }

    @Test
    void linesAreSentencesOfTheirOwn() {
        assertThat(sentences("标题\n- 条目一\n\n正文。")).containsExactly("标题", "- 条目一", "正文。");
    }
}
