package dev.yunrag.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.ingest.SentenceChunker;
import dev.yunrag.model.ParsedDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenCountersTest {

    /** A scifact-like abstract (written for this test): about 300 English words. */
    private static final String ABSTRACT = String.join(" ", java.util.Collections.nCopies(12,
            "Chronic inflammation of adipose tissue contributes to insulin resistance in obese mice. "
                    + "Macrophage infiltration was quantified by immunohistochemistry and flow cytometry."));

    private static TokenCounters counters;

    @BeforeAll
    static void load() {
        counters = new TokenCounters();
    }

    @AfterAll
    static void close() {
        counters.close();
    }

    @Test
    void eachModelFamilyIsCountedInItsOwnVocabulary() {
        assertThat(TokenCounters.vocabularyOf("bge-small-en-v15")).isEqualTo(TokenCounters.EN);
        assertThat(TokenCounters.vocabularyOf("BAAI/bge-large-en-v1.5")).isEqualTo(TokenCounters.EN);
        assertThat(TokenCounters.vocabularyOf("bge-small-zh-v15")).isEqualTo(TokenCounters.ZH);
        assertThat(TokenCounters.vocabularyOf("bge-large-zh-v1.5")).isEqualTo(TokenCounters.ZH);
        assertThat(TokenCounters.vocabularyOf("hashing")).isEqualTo(TokenCounters.ZH);
        assertThat(counters.forModel("bge-small-en-v15")).isSameAs(counters.forModel("BAAI/bge-base-en-v1.5"));
    }

    @Test
    void englishCostsFewerTokensInTheEnglishVocabularyAndChineseIsUnchanged() {
        int en = counters.forModel("bge-small-en-v15").count(ABSTRACT);
        int zh = counters.forModel("bge-small-zh-v15").count(ABSTRACT);

        assertThat(en).isLessThan(zh * 4 / 5);
        assertThat(counters.forModel("bge-small-zh-v15").count("员工入职满一年后享受带薪年假。"))
                .isEqualTo(new BertTokenCounter().count("员工入职满一年后享受带薪年假。"));
    }

    @Test
    void anAbstractTheEnglishModelReadsWholeIsOneChunkOfAnEnglishCollection() {
        ParsedDocument doc = new ParsedDocument("a", "An abstract", "text/plain", ABSTRACT, List.of(), List.of(),
                Map.of());
        int en = counters.forModel("bge-small-en-v15").count(ABSTRACT);
        int zh = counters.forModel("bge-small-zh-v15").count(ABSTRACT);
        int budget = (en + zh) / 2;
        SentenceChunker chunker = new SentenceChunker(counters::forModel, "bge-small-zh-v15", budget, 16);

        assertThat(chunker.forModel("bge-small-en-v15").chunk("a", doc)).hasSize(1);
        assertThat(chunker.forModel("bge-small-zh-v15").chunk("a", doc)).hasSizeGreaterThan(1);
    }
}
