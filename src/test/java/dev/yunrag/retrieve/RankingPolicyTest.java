package dev.yunrag.retrieve;

import dev.yunrag.rerank.Reranker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.index.IndexSettings;
import dev.yunrag.rerank.LexicalCoverageScorer;
import org.junit.jupiter.api.Test;

class RankingPolicyTest {

    private static final IndexSettings CHINESE = new IndexSettings("bge-small-zh-v15", 512, "cjk");
    private static final IndexSettings ENGLISH = new IndexSettings("bge-small-en-v15", 384, "cjk");
    private static final IndexSettings REMOTE_CHINESE = new IndexSettings("bge-large-zh-v1.5", 1024, "cjk");

    private final RankingPolicy byLanguage = RankingPolicy.perCollection(null);

    @Test
    void chineseCollectionsKeepLexicalRerankingOverAnEvenFusion() {
        for (IndexSettings chinese : new IndexSettings[] {CHINESE, REMOTE_CHINESE}) {
            RankingPolicy.Ranking ranking = byLanguage.resolve(chinese, null, null);
            assertThat(ranking.reranker().name()).isEqualTo("lexical-coverage");
            assertThat(ranking.bm25Weight()).isEqualTo(1.0);
        }
    }

    @Test
    void englishCollectionsAreNotRerankedLexicallyAndFuseWithALighterBm25List() {
        RankingPolicy.Ranking ranking = byLanguage.resolve(ENGLISH, null, null);

        assertThat(ranking.reranker().name()).isEqualTo(RankingPolicy.ENGLISH_RERANKER);
        assertThat(ranking.bm25Weight()).isEqualTo(RankingPolicy.ENGLISH_BM25_WEIGHT).isLessThan(1.0);
    }

    @Test
    void aRecordedRerankerBeatsTheLanguageDefaultAndARequestBeatsBoth() {
        IndexSettings recorded = ENGLISH.withReranker("lexical-coverage");
        IndexSettings reread = IndexSettings.fromCommitData(recorded.toCommitData());

        assertThat(reread).isEqualTo(recorded);
        assertThat(byLanguage.resolve(reread, null, null).reranker().name()).isEqualTo("lexical-coverage");
        assertThat(byLanguage.resolve(reread, "none", 0.2).reranker().name()).isEqualTo("none");
        assertThat(byLanguage.resolve(reread, "none", 0.2).bm25Weight()).isEqualTo(0.2);
        assertThat(IndexSettings.fromCommitData(CHINESE.toCommitData()).reranker()).isNull();
    }

    @Test
    void aConfiguredFallbackAppliesToCollectionsThatRecordedNone() {
        RankingPolicy configured = RankingPolicy.perCollection(null).withFallback("none");

        assertThat(configured.resolve(CHINESE, null, null).reranker().name()).isEqualTo("none");
        assertThat(configured.resolve(CHINESE.withReranker("lexical-coverage"), null, null).reranker().name())
                .isEqualTo("lexical-coverage");
        assertThatThrownBy(() -> RankingPolicy.perCollection(null).withFallback("cross-encoder"))
                .hasMessageContaining("yunrag.retrieval.embedded-reranker");
    }

    @Test
    void aRemoteCrossEncoderRanksEveryCollectionUnlessARequestSaysOtherwise() {
        Reranker remote = new Reranker("BAAI/bge-reranker-v2-m3", new LexicalCoverageScorer(0.3));
        RankingPolicy withRemote = RankingPolicy.perCollection(remote);

        assertThat(withRemote.resolve(ENGLISH, null, null).reranker()).isSameAs(remote);
        assertThat(withRemote.resolve(CHINESE.withReranker("none"), null, null).reranker()).isSameAs(remote);
        assertThat(withRemote.resolve(CHINESE, "BAAI/bge-reranker-v2-m3", null).reranker()).isSameAs(remote);
        assertThat(withRemote.resolve(CHINESE, "none", null).reranker().name()).isEqualTo("none");
    }

    @Test
    void anUnknownRequestedRerankerIsRefused() {
        assertThatThrownBy(() -> byLanguage.resolve(CHINESE, "magic", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic");
    }
}
