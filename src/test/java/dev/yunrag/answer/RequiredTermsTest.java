package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RequiredTermsTest {

    @Test
    void aFurtherSentenceCountsOnlyWhenItHoldsAQuestionTermNotQuotedYet() {
        RequiredTerms required = new RequiredTerms(Set.of("每月", "工资", "发放", "试用"));
        required.quoted(Set.of("每月", "工资", "发放", "15"));
        assertThat(required.addsTerm(Set.of("每月", "餐补", "工资"))).isFalse();
        assertThat(required.addsTerm(Set.of("试用", "工资"))).isTrue();
        assertThat(required.addsTerm(Set.of("试用"))).as("试用 is quoted now").isFalse();
    }
}
