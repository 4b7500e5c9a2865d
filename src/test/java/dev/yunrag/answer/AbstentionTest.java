package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbstentionTest {

    @Test
    void saysItInTheQuestionsLanguage() {
        assertThat(Abstention.sentence("公司有没有提供员工宿舍？")).isEqualTo("资料中没有找到答案。");
        assertThat(Abstention.sentence("What is the capital of France?")).isEqualTo("The documents do not answer this.");
    }

    @Test
    void recognisesTheSentenceAsAModelWritesIt() {
        assertThat(Abstention.isAbstention("资料中没有找到答案。")).isTrue();
        assertThat(Abstention.isAbstention(" 资料中没有找到答案[1]")).isTrue();
        assertThat(Abstention.isAbstention("“资料中没有找到答案。”资料只提到了年假和产假。")).isTrue();
        assertThat(Abstention.isAbstention("The documents do not answer this.")).isTrue();
        assertThat(Abstention.isAbstention("the documents do NOT answer this")).isTrue();
        assertThat(Abstention.isAbstention("The sources do not contain the answer.")).isTrue();
    }

    @Test
    void anAnswerThatMentionsMissingDetailsIsStillAnAnswer() {
        assertThat(Abstention.isAbstention("年假为15天[1]。资料中没有找到答案的部分是加班。")).isFalse();
        assertThat(Abstention.isAbstention("The documents do not mention a fee; the warranty is 12 months [1].")).isFalse();
        assertThat(Abstention.isAbstention("")).isFalse();
        assertThat(Abstention.isAbstention(null)).isFalse();
    }
}
