package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.model.Citation;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationParserTest {

    private final List<ScoredChunk> sources = List.of(
            Passages.of("甲", "S1"), Passages.of("乙", "S2"), Passages.of("丙", "S3"), Passages.of("丁", "S4"));
    private final CitationParser parser = new CitationParser();

    @Test
    void readsEveryMarkerFormInOrderOfFirstUse() {
        // when
        CitedAnswer answer = parser.parse("A [3]. B [1, 2]. C [2][4]. D 【1】. E [2-3]. F［4］，G [1，3、4].", sources);
        // then
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(3, 1, 2, 4);
        assertThat(answer.citations()).extracting(Citation::title).containsExactly("S3", "S1", "S2", "S4");
        assertThat(answer.invalidCitationsRemoved()).isZero();
        assertThat(answer.text()).isEqualTo("A [3]. B [1, 2]. C [2][4]. D 【1】. E [2-3]. F［4］，G [1，3、4].");
    }

    @Test
    void removesAndCountsNumbersWithoutASource() {
        // when
        CitedAnswer answer = parser.parse("云网于2019年发布[5]。它支持私有部署[2][9]。见 [0, 1]。", sources);
        // then
        assertThat(answer.text()).isEqualTo("云网于2019年发布。它支持私有部署[2]。见 [1]。");
        assertThat(answer.invalidCitationsRemoved()).isEqualTo(3);
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(2, 1);
    }

    @Test
    void removedMarkerLeavesNoStraySpace() {
        CitedAnswer answer = parser.parse("The sky is blue [7]. Grass is green [1].", sources);
        assertThat(answer.text()).isEqualTo("The sky is blue. Grass is green [1].");
        assertThat(answer.invalidCitationsRemoved()).isEqualTo(1);
    }

    @Test
    void rangeWithMissingEndKeepsTheValidPart() {
        CitedAnswer answer = parser.parse("Claim [3-6].", sources);
        assertThat(answer.text()).isEqualTo("Claim [3][4].");
        assertThat(answer.invalidCitationsRemoved()).isEqualTo(2);
    }

    @Test
    void yearsAndWideRangesAreNotCitations() {
        CitedAnswer answer = parser.parse("In [2019] prices were [10-200] yuan [1].", sources);
        assertThat(answer.text()).isEqualTo("In [2019] prices were [10-200] yuan [1].");
        assertThat(answer.invalidCitationsRemoved()).isZero();
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(1);
    }

    @Test
    void replyWithoutMarkersHasNoCitations() {
        CitedAnswer answer = parser.parse("资料只说明了年假。", sources);
        assertThat(answer.text()).isEqualTo("资料只说明了年假。");
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.answered()).isTrue();
    }

    @Test
    void theAbstentionSentenceIsAnUnansweredReplyCitingNothing() {
        CitedAnswer chinese = parser.parse("资料中没有找到答案。", sources);
        assertThat(chinese.answered()).isFalse();
        assertThat(chinese.text()).isEqualTo("资料中没有找到答案。");
        assertThat(chinese.citations()).isEmpty();

        // a model that cites anyway still abstained: the markers go, nothing is cited
        CitedAnswer english = parser.parse("The documents do not answer this. [2]", sources);
        assertThat(english.answered()).isFalse();
        assertThat(english.text()).isEqualTo("The documents do not answer this.");
        assertThat(english.citations()).isEmpty();
    }
}
