package dev.yunrag.text;


import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void chineseQuestionWithEnglishNameIsChinese() {
        assertThat(Language.isChinese("NFL 的总部在哪？")).isTrue();
        assertThat(Language.isChinese("黑豹队的防守丢了多少分？")).isTrue();
    }

    @Test
    void englishQuestionQuotingChineseIsEnglish() {
        assertThat(Language.isChinese("What does 云网 mean?")).isFalse();
        assertThat(Language.isChinese("How many points?")).isFalse();
        assertThat(Language.isChinese("")).isFalse();
    }
}
