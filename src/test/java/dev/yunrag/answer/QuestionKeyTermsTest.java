package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionKeyTermsTest {

    @Test
    void readsNumbersByValueWhetherWrittenInDigitsOrChineseNumerals() {
        assertThat(QuestionKeyTerms.numbers("一九八五年，第 49 届，九场，二十五人，三千五百元，两万，一个人"))
                .containsExactly("1985", "49", "9", "25", "3500", "20000");
    }

    @Test
    void findsTheQuestionsNumbersInTheSentenceThatHasThemNotInOneWithOtherNumbers() {
        QuestionKeyTerms terms = QuestionKeyTerms.of("谁在九场比赛中拿下了五次擒杀？");
        assertThat(terms.numberShare("另外还有在 9 场首发中就拿下 5 次擒杀的防守端锋科尼·伊利。")).isEqualTo(1.0);
        assertThat(terms.numberShare("他曾以 136 次擒杀成为活跃领袖。")).isEqualTo(0.0);
    }

    @Test
    void namesAreTransliterationsTitlesAndLatinWordsInAChineseQuestionOrCapitalisedWordsInAnEnglishOne() {
        assertThat(QuestionKeyTerms.of("培顿·曼宁参加 AFC 锦标赛时演唱了《Bad》吗？").names())
                .containsExactlyInAnyOrder("培顿·曼宁", "《bad》", "afc", "bad");
        assertThat(QuestionKeyTerms.of("艾蒂安·保罗·马利·拉莫特获得了什么奖？").names())
                .containsExactlyInAnyOrder("蒂安·保罗", "保罗·马利", "马利·拉莫");
        assertThat(QuestionKeyTerms.of("How many employees does the Chengdu branch have?").names())
                .containsExactly("chengdu");
        assertThat(QuestionKeyTerms.of("公司每月几号发工资？").isEmpty()).isTrue();
    }

    @Test
    void theSentenceWithTheQuestionsNumberIsQuotedBeforeOneThatOnlySharesMoreWords() {
        String text = "过去的记录是由约翰·埃尔维保持的，他在 38岁时带领野马队赢得第 33 届超级碗。"
                + "然后他们在锦标赛上击败了第 49 届超级碗卫冕冠军新英格兰爱国者队。";
        CitedAnswer answer = new ExtractiveAnswerer(null, 1, 5)
                .answer("谁赢得了第 49 届超级碗？", List.of(Passages.of(text, "超级碗")));
        assertThat(answer.text()).startsWith("然后他们在锦标赛上击败了第 49 届超级碗卫冕冠军新英格兰爱国者队。");
    }
}
