package dev.yunrag.text;


import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalTermsTest {

    @Test
    void questionWordsAreDroppedSoNoBigramSpansThem() {
        assertThat(LexicalTerms.ofQuestion("最初梵语以什么书写系统被记录下来？"))
                .contains("梵语", "书写", "系统").doesNotContain("什么", "以什", "么书");
    }

    @Test
    void traditionalQuestionWordsAreDroppedLikeTheirSimplifiedForms() {
        // the same DRCD-style questions in Traditional and in Simplified characters
        String[][] pairs = {
                {"最初梵語以什麼書寫系統被記錄下來？", "最初梵语以什么书写系统被记录下来？"},
                {"誰認為希臘語與梵語出自同一門語言？", "谁认为希腊语与梵语出自同一门语言？"},
                {"下薩克森邦的哪一個俱樂部是最大的？", "下萨克森邦的哪一个俱乐部是最大的？"},
                {"為什麼那裡有幾座山？", "为什么那里有几座山？"}};
        for (String[] pair : pairs) {
            assertThat(LexicalTerms.ofQuestion(pair[0])).as(pair[0]).hasSameSizeAs(LexicalTerms.ofQuestion(pair[1]));
        }
        assertThat(LexicalTerms.ofQuestion("最初梵語以什麼書寫系統被記錄下來？"))
                .contains("梵語", "書寫").doesNotContain("什麼", "以什", "麼書");
        assertThat(LexicalTerms.ofQuestion("誰認為希臘語與梵語出自同一門語言？")).doesNotContain("誰", "誰認", "與梵");
    }
}
