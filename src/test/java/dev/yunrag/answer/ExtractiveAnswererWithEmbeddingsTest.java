package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same answerer with the in-process bge-small-zh model, loaded once for the class (a few seconds). */
class ExtractiveAnswererWithEmbeddingsTest {

    private static ExtractiveAnswerer answerer;

    @BeforeAll
    static void loadModel() {
        answerer = new ExtractiveAnswerer(new BgeSmallZhV15EmbeddingModel(), 1, 5);
    }

    @Test
    void picksTheSentenceWithTheAnswer() {
        ScoredChunk passage = Passages.of(ExtractiveAnswererTest.CHINESE_DOC, ExtractiveAnswererTest.CHINESE_CHUNK,
                "云网手册", null);
        CitedAnswer answer = answerer.answer("云网平台是哪一年发布的？", List.of(passage));
        assertThat(answer.text()).isEqualTo("云网平台于2019年3月正式发布，首个版本支持私有部署。[1]");
    }

    @Test
    void aParaphraseSharingNoWordsFallsBelowTheCalibratedAbstentionLine() {
        // given a question that shares almost no words with the passage
        ScoredChunk passage = Passages.of("云网平台由杭州云网科技公司开发。目前云网平台已有超过500家企业客户在使用。"
                + "平台界面支持中文和英文。", "云网手册");
        String question = "这家公司的顾客数量？";
        // when
        CitedAnswer withEmbeddings = answerer.answer(question, List.of(passage));
        CitedAnswer wordsOnly = new ExtractiveAnswerer(null, 1, 5).answer(question, List.of(passage));
        // then
        // the cosine alone is below 0.77 (AbstentionPolicy, calibrated on unanswerable questions): since issue 12 this
        // pure paraphrase is answered "not found" too, the price of abstaining on off-topic questions
        assertThat(withEmbeddings.answered()).isFalse();
        assertThat(withEmbeddings.text()).isEqualTo(PromptBuilder.NOT_FOUND_ZH);
        assertThat(wordsOnly.text()).isEqualTo(PromptBuilder.NOT_FOUND_ZH);
    }

    @Test
    void stillSaysNotFoundForAnUnrelatedQuestion() {
        ScoredChunk passage = Passages.of(ExtractiveAnswererTest.CHINESE_DOC, ExtractiveAnswererTest.CHINESE_CHUNK,
                "云网手册", null);
        CitedAnswer answer = answerer.answer("量子计算机的工作原理是什么？", List.of(passage));
        assertThat(answer.text()).isEqualTo(PromptBuilder.NOT_FOUND_ZH);
        assertThat(answer.citations()).isEmpty();
    }
}
