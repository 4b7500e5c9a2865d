package dev.yunrag.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerNormalizerTest {

    @Test
    void fullWidthDigitsAndLettersBecomeHalfWidth() {
        assertThat(AnswerNormalizer.normalize("１５天ＡＢＣ")).isEqualTo("15天abc");
    }

    @Test
    void punctuationWhitespaceAndCaseAreIgnored() {
        assertThat(AnswerNormalizer.normalize("《U.S. News》，“2019年”！")).isEqualTo("usnews2019年");
    }

    @Test
    void containsAnyMatchesAReferenceWrittenDifferently() {
        // given a passage with full-width digits and a reference answer with a space and half-width digits
        String passage = "黑豹队的防守只丢了３０８分，在联赛中排名第六。";
        // when / then
        assertThat(AnswerNormalizer.containsAny(passage, List.of("308 分"))).isTrue();
        assertThat(AnswerNormalizer.containsAny(passage, List.of("309分", "第七"))).isFalse();
    }

    @Test
    void blankReferencesNeverMatch() {
        assertThat(AnswerNormalizer.containsAny("任何文本", List.of("", " ", "。"))).isFalse();
    }
}
