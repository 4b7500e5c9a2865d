package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.yunrag.model.Citation;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {

    static final String CHINESE_DOC = "前言：本手册介绍云网平台。\n"
            + "云网平台由杭州云网科技公司开发。平台的发布引起了业界的广泛关注。"
            + "云网平台于2019年3月正式发布，首个版本支持私有部署。目前云网平台已有超过500家企业客户。";
    static final String CHINESE_CHUNK = CHINESE_DOC.substring(CHINESE_DOC.indexOf('\n') + 1);

    static final String ENGLISH_DOC = "The Eiffel Tower is located in Paris. "
            + "The tower was designed by the engineering company of Gustave Eiffel. "
            + "It was completed in 1889 for the World's Fair. The tower is 330 metres tall. "
            + "Many tourists visit the tower every year.";

    private final ExtractiveAnswerer oneSentence = new ExtractiveAnswerer(null, 1, 5);

    @Test
    void picksTheChineseSentenceThatAddsTheMissingYear() {
        // given a passage that starts in the middle of its document
        ScoredChunk passage = Passages.of(CHINESE_DOC, CHINESE_CHUNK, "云网手册", 2);
        // when
        CitedAnswer answer = oneSentence.answer("云网平台是哪一年发布的？", List.of(passage));
        // then
        assertThat(answer.text()).isEqualTo("云网平台于2019年3月正式发布，首个版本支持私有部署。[1]");
        assertThat(answer.citations()).extracting(Citation::n, Citation::title).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "云网手册"));
        Highlight highlight = answer.highlights().getFirst();
        assertThat(highlight.n()).isEqualTo(1);
        assertThat(CHINESE_DOC.substring(highlight.start(), highlight.end()))
                .isEqualTo("云网平台于2019年3月正式发布，首个版本支持私有部署。");
    }

    @Test
    void picksTheEnglishSentencesForHeightAndDesigner() {
        ScoredChunk passage = Passages.of(ENGLISH_DOC, "Eiffel Tower");
        assertThat(oneSentence.answer("How tall is the Eiffel Tower?", List.of(passage)).text())
                .isEqualTo("The tower is 330 metres tall. [1]");
        assertThat(oneSentence.answer("Who designed the tower?", List.of(passage)).text())
                .isEqualTo("The tower was designed by the engineering company of Gustave Eiffel. [1]");
    }

    @Test
    void citesThePassageTheSentenceCameFromWithExactDocumentOffsets() {
        // given the answer is in the second passage, which sits at offset > 0 of its document
        ScoredChunk first = Passages.of("天气预报说明天会下雨。请带伞出门。", "天气");
        ScoredChunk second = Passages.of(CHINESE_DOC, CHINESE_CHUNK, "云网手册", null);
        // when
        CitedAnswer answer = new ExtractiveAnswerer().answer("云网平台有多少家企业客户？", List.of(first, second));
        // then
        assertThat(answer.text()).startsWith("目前云网平台已有超过500家企业客户。[2]");
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(2);
        for (Highlight highlight : answer.highlights()) {
            String quoted = CHINESE_DOC.substring(highlight.start(), highlight.end());
            assertThat(answer.text()).contains(quoted + "[" + highlight.n() + "]");
        }
    }

    @Test
    void quotesAtMostNDistinctSentencesBestFirst() {
        // given the same passage retrieved twice (overlapping chunks happen)
        ScoredChunk passage = Passages.of(CHINESE_DOC, CHINESE_CHUNK, "云网手册", null);
        // when
        CitedAnswer answer = new ExtractiveAnswerer(null, 2, 5)
                .answer("云网平台是哪家公司开发的，什么时候发布？", List.of(passage, passage));
        // then
        assertThat(answer.highlights()).hasSize(2);
        assertThat(answer.highlights()).extracting(Highlight::start).doesNotHaveDuplicates();
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(1);
    }

    @Test
    void saysNotFoundInTheQuestionsLanguageWhenNothingMatches() {
        ScoredChunk passage = Passages.of(CHINESE_DOC, CHINESE_CHUNK, "云网手册", null);
        CitedAnswer chinese = oneSentence.answer("量子计算机的工作原理是什么？", List.of(passage));
        assertThat(chinese.text()).isEqualTo("资料中没有找到答案。");
        assertThat(chinese.answered()).isFalse();
        assertThat(chinese.citations()).isEmpty();
        assertThat(chinese.highlights()).isEmpty();

        CitedAnswer english = oneSentence.answer("What is photosynthesis?",
                List.of(Passages.of(ENGLISH_DOC, "Eiffel Tower")));
        assertThat(english.text()).isEqualTo("The documents do not answer this.");
        assertThat(english.answered()).isFalse();
        assertThat(new ExtractiveAnswerer().answer("Who built it?", List.of()).text())
                .isEqualTo(PromptBuilder.NOT_FOUND_EN);
    }

    @Test
    void skipsFragmentsTooShortToAnswer() {
        ScoredChunk passage = Passages.of("云网。云网平台支持私有部署和公有云部署。", "短句");
        CitedAnswer answer = new ExtractiveAnswerer().answer("云网支持哪些部署方式？", List.of(passage));
        assertThat(answer.text()).isEqualTo("云网平台支持私有部署和公有云部署。[1]");
    }

    @Test
    void embedsOnlyTheShortlistOfSentencesBestOnWords() {
        // given 30 sentences, one of which answers the question, and a model that records what it is asked to embed
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            text.append(i == 17 ? "云网平台于2019年3月正式发布。" : "第" + i + "段讲述了与此无关的天气和交通情况。");
        }
        List<String> embedded = new ArrayList<>();
        EmbeddingModel recording = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                segments.forEach(s -> embedded.add(s.text()));
                return Response.from(segments.stream().map(s -> Embedding.from(new float[] {1, s.text().length()}))
                        .toList());
            }
        };

        // when only 4 may be embedded
        CitedAnswer answer = new ExtractiveAnswerer(recording, 1, 5, 4)
                .answer("云网平台什么时候发布？", List.of(Passages.of(text.toString(), "手册")));

        // then the question and 4 sentences were embedded, the answering one among them, and it is quoted
        assertThat(embedded).hasSize(5).contains("云网平台于2019年3月正式发布。");
        assertThat(answer.text()).isEqualTo("云网平台于2019年3月正式发布。[1]");
    }
}
