package dev.yunrag.retrieve;

import dev.yunrag.rerank.Reranker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The retrieval orchestrator with tiny stand-in stages: no index, no model. Each stage records that it ran; the
 * search stage returns fixed lists, the token counter counts characters.
 */
class HybridRetrieverStagesTest {

    private static final IndexSettings COLLECTION = new IndexSettings("stand-in-model", 4, "smartcn");
    private static final HybridRetriever.Settings SETTINGS = new HybridRetriever.Settings(10, 60, 10, 3, 10);
    /** One token per character: budgets in the tests are easy to read. */
    private static final TokenCounter CHARACTERS = String::length;

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final List<String> countersAskedFor = new ArrayList<>();

    private static ScoredChunk passage(String id, String text) {
        return new ScoredChunk(new Chunk(id, 0, text, 0, text.length(), null, null, List.of()), id + ".txt", id,
                "text/plain", RankTrace.NONE);
    }

    private static List<ScoredChunk> ranked(List<ScoredChunk> passages, boolean bm25) {
        List<ScoredChunk> out = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            ScoredChunk p = passages.get(i);
            out.add(p.withTrace(bm25 ? p.trace().withBm25(i + 1, 10f - i) : p.trace().withVector(i + 1, 0.9f - i / 10f)));
        }
        return out;
    }

    private CandidateSearch search(List<ScoredChunk> bm25, List<ScoredChunk> vector, List<String> warnings) {
        return query -> {
            ran.add("search");
            return new Candidates(COLLECTION, ranked(bm25, true), ranked(vector, false), false,
                    Map.of("bm25", 0.1, "embed", 0.2, "vector", 0.3), warnings);
        };
    }

    private CandidateFusion recordingFusion() {
        CandidateFusion rrf = CandidateFusion.reciprocalRank(60);
        return (bm25, vector, weight) -> {
            ran.add("fuse");
            return rrf.fuse(bm25, vector, weight);
        };
    }

    private PassageSelector recordingSelector() {
        PassageSelector budgeted = PassageSelector.withinBudget();
        return (ranked, topK, budget) -> {
            ran.add("select");
            return budgeted.select(ranked, topK, budget);
        };
    }

    /** A reranker that puts the passages in reverse order, and records that it ran. */
    private Reranker reversing() {
        ScoringModel reverse = new ScoringModel() {
            @Override
            public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
                ran.add("rerank");
                List<Double> scores = new ArrayList<>();
                for (int i = 0; i < segments.size(); i++) {
                    scores.add((double) i);
                }
                return Response.from(scores);
            }
        };
        return new Reranker("reverse", reverse);
    }

    private HybridRetriever retriever(CandidateSearch search, Reranker reranker, HybridRetriever.Settings settings) {
        return new HybridRetriever(new HybridRetriever.Stages(search, recordingFusion(), RankingPolicy.fixed(reranker),
                recordingSelector(), model -> {
                    countersAskedFor.add(model);
                    return CHARACTERS;
                }), settings);
    }

    private final ScoredChunk a = passage("a", "aaaa");
    private final ScoredChunk b = passage("b", "bbbbbbbb");
    private final ScoredChunk c = passage("c", "cc");
    private final ScoredChunk d = passage("d", "d");

    @Test
    void stagesRunInOrderAndEachReportsItsTiming() {
        // given
        HybridRetriever retriever = retriever(search(List.of(a, b), List.of(a, c), List.of()), reversing(), SETTINGS);
        // when
        RetrievalResult result = retriever.retrieve(new RetrievalQuery("s", "question", null, null));
        // then
        assertThat(ran).containsExactly("search", "fuse", "rerank", "select");
        assertThat(result.timings()).containsKeys("bm25", "embed", "vector", "search", "fusion", "rerank");
        assertThat(result.timings()).doesNotContainKey("crossLanguage");
        assertThat(result.reranker()).isEqualTo("reverse");
        // every list is kept, with the trace of the stage that made it
        assertThat(result.bm25()).extracting(ScoredChunk::chunkId).containsExactly("a#0", "b#0");
        assertThat(result.fused()).allSatisfy(p -> assertThat(p.trace().fusedRank()).isNotNull());
        assertThat(result.reranked()).extracting(ScoredChunk::chunkId)
                .containsExactlyElementsOf(reversedIds(result.fused()));
        assertThat(result.reranked()).allSatisfy(p -> assertThat(p.trace().rerankRank()).isNotNull());
    }

    private static List<String> reversedIds(List<ScoredChunk> fused) {
        List<String> ids = new ArrayList<>(fused.stream().map(ScoredChunk::chunkId).toList());
        Collections.reverse(ids);
        return ids;
    }

    @Test
    void failingRerankerModelLeavesTheFusedOrderAndSaysSo() {
        // given a reranker whose model is down
        ScoringModel down = (segments, query) -> {
            throw new IllegalStateException("connection refused");
        };
        HybridRetriever retriever = retriever(search(List.of(a, b), List.of(c, a), List.of()),
                new Reranker("remote", down), SETTINGS);
        // when
        RetrievalResult result = retriever.retrieve(new RetrievalQuery("s", "question", null, null));
        // then
        assertThat(result.reranked()).isEqualTo(result.fused());
        assertThat(result.warnings()).containsExactly("Reranking (remote) is unavailable: connection refused."
                + " Passages are in " + Reranker.FUSED_ORDER + ".");
        assertThat(result.timings()).containsKey("rerank");
    }

    @Test
    void rerankStageThatThrowsIsCaughtByTheOrchestrator() {
        // given a reranker stage that does not degrade by itself
        Reranker throwing = new Reranker("broken", (segments, query) -> Response.from(List.of())) {
            @Override
            public List<ScoredChunk> rerank(String query, List<ScoredChunk> candidates, Consumer<String> warnings,
                                            String fallbackOrder) {
                throw new IllegalStateException("bug in the stage");
            }
        };
        // and no vector hits: the order left is BM25's
        HybridRetriever retriever = retriever(search(List.of(a, b, c), List.of(), List.of("embedding is down")),
                throwing, SETTINGS);
        // when
        RetrievalResult result = retriever.retrieve(new RetrievalQuery("s", "question", null, null));
        // then
        assertThat(result.reranked()).isEqualTo(result.fused());
        assertThat(result.warnings()).containsExactly("embedding is down", "Reranking (broken) is unavailable: bug in"
                + " the stage. Passages are in " + Reranker.BM25_ORDER + ".");
        assertThat(result.selected()).isNotEmpty();
    }

    @Test
    void topKOfTheQueryElseTheConfiguredOne() {
        // given a budget that all passages fit
        HybridRetriever.Settings roomy = new HybridRetriever.Settings(10, 60, 10, 3, 1000);
        HybridRetriever retriever = retriever(search(List.of(a, b, c, d), List.of(), List.of()),
                new Reranker("none", null), roomy);
        // when / then
        assertThat(retriever.retrieve(new RetrievalQuery("s", "q", 2, null)).selected()).hasSize(2);
        assertThat(retriever.retrieve(new RetrievalQuery("s", "q", null, null)).selected()).hasSize(3);
        assertThat(retriever.retrieve(new RetrievalQuery("s", "q", 4, null)).selected()).hasSize(4);
        assertThatThrownBy(() -> new RetrievalQuery("s", "q", 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topK");
    }

    @Test
    void oneBudgetWithTheCollectionsCounterSkipsAPassageThatDoesNotFit() {
        // given passages of 4, 8, 2 and 1 characters in this order, a budget of 10 and topK 3
        HybridRetriever retriever = retriever(search(List.of(a, b, c, d), List.of(), List.of()),
                new Reranker("none", null), SETTINGS);
        // when
        RetrievalResult result = retriever.retrieve(new RetrievalQuery("s", "q", null, null));
        // then b (8) does not fit after a (4): it is skipped, and c and d below it still are taken
        assertThat(result.selected()).extracting(ScoredChunk::chunkId).containsExactly("a#0", "c#0", "d#0");
        assertThat(result.budget().tokens()).isEqualTo(10);
        assertThat(result.budget().counter()).isSameAs(CHARACTERS);
        assertThat(countersAskedFor).containsExactly("stand-in-model");
    }

    @Test
    void theBestPassageIsSelectedEvenWhenItAloneExceedsTheBudget() {
        // given the best passage has 8 characters and the budget is 5
        HybridRetriever retriever = retriever(search(List.of(b, a, d), List.of(), List.of()),
                new Reranker("none", null), new HybridRetriever.Settings(10, 60, 10, 3, 5));
        // when
        RetrievalResult result = retriever.retrieve(new RetrievalQuery("s", "q", null, null));
        // then it is selected alone; the prompt cuts its text to the same budget
        assertThat(result.selected()).extracting(ScoredChunk::chunkId).containsExactly("b#0");
        assertThat(result.budget().cut(b.text())).isEqualTo("bbbbb…");
    }

    @Test
    void aSearchTakesTheRerankedHeadWithoutAPromptBudget() {
        // given
        HybridRetriever retriever = retriever(search(List.of(a, b, c, d), List.of(), List.of()),
                new Reranker("none", null), SETTINGS);
        // when
        RetrievalResult result = retriever.retrieve(RetrievalQuery.search("s", "q", 4, null));
        // then
        assertThat(result.selected()).isEqualTo(result.reranked().subList(0, 4));
    }
}
