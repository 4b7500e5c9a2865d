package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpQuestionTest {

    private final List<Turn> history = List.of(
            Turn.user("黑豹队的防守丢了多少分？"), Turn.assistant("黑豹队的防守只丢了 308分。[1]"));

    @Test
    void chineseFollowUpGetsThePreviousQuestionsKeyTerms() {
        // when
        String standalone = FollowUpQuestion.standalone(history, "那野马队呢？");
        // then
        assertThat(standalone).isEqualTo("黑豹队 防守丢 分 那野马队呢？");
    }

    @Test
    void pronounMarksAFollowUpEvenInALongQuestion() {
        assertThat(FollowUpQuestion.looksLikeFollowUp("它在联赛中的防守排名第几位，和去年相比如何？")).isTrue();
        assertThat(FollowUpQuestion.looksLikeFollowUp("What about their offence this season?")).isTrue();
    }

    @Test
    void standaloneQuestionIsKept() {
        // given a new, complete question
        String question = "卡罗莱纳黑豹队的主教练在哪一年上任？";
        // then
        assertThat(FollowUpQuestion.looksLikeFollowUp(question)).isFalse();
        assertThat(FollowUpQuestion.standalone(history, question)).isEqualTo(question);
        assertThat(FollowUpQuestion.looksLikeFollowUp("其他球队的防守数据在哪里可以查到？")).isFalse();
        assertThat(FollowUpQuestion.looksLikeFollowUp("Which team won Super Bowl 50 in 2016?")).isFalse();
    }

    @Test
    void englishFollowUpUsesThePreviousUserQuestion() {
        List<Turn> english = List.of(Turn.user("Who founded the Tesla Electric Light company?"),
                Turn.assistant("Tesla did. [1]"));
        assertThat(FollowUpQuestion.standalone(english, "When was it closed?"))
                .isEqualTo("founded Tesla Electric Light company When was it closed?");
    }

    @Test
    void followUpWithoutHistoryIsKept() {
        assertThat(FollowUpQuestion.standalone(List.of(), "那野马队呢？")).isEqualTo("那野马队呢？");
    }
}
