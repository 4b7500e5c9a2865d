package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.yunrag.yunwang.YunwangException.Kind;
import dev.yunrag.yunwang.YunwangStub.Fault;
import java.util.List;
import org.junit.jupiter.api.Test;

class YunwangScoringModelTest extends StubTest {

    private YunwangScoringModel model() {
        return new YunwangScoringModel(TestEndpoints.http(stub, "rerank", AuthScheme.BEARER),
                "BAAI/bge-reranker-v2-m3", (query, document) -> document);
    }

    @Test
    void scoresComeBackInInputOrderAlthoughTheServerSortsThem() {
        // given: the stub scores by length (length / 1000) and answers sorted by score
        List<TextSegment> documents = List.of(TextSegment.from("aa"), TextSegment.from("a"), TextSegment.from("aaaa"));
        // when
        Response<List<Double>> scores = model().scoreAll(documents, "query");
        // then
        assertThat(scores.content()).containsExactly(0.002, 0.001, 0.004);
        assertThat(scores.tokenUsage().inputTokenCount()).isEqualTo(51);
        JsonNode body = stub.last(YunwangStub.RERANK).json();
        assertThat(body.get("model").asText()).isEqualTo("BAAI/bge-reranker-v2-m3");
        assertThat(body.get("query").asText()).isEqualTo("query");
        assertThat(body.get("top_n").asInt()).isEqualTo(3);
        assertThat(body.get("documents")).hasSize(3);
        assertThat(body.get("documents").get(2).asText()).isEqualTo("aaaa");
    }

    @Test
    void indexOutOfRangeIsMalformed() {
        stub.failNext(YunwangStub.RERANK, new Fault.RerankIndexOutOfRange());

        assertThatThrownBy(() -> model().scoreAll(List.of(TextSegment.from("a"), TextSegment.from("bb")), "q"))
                .isInstanceOfSatisfying(YunwangException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("index 2 out of range");
                });
    }

    @Test
    void noDocumentsNoCall() {
        assertThat(model().scoreAll(List.of(), "q").content()).isEmpty();
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void longDocumentsAreCutSoQueryAndDocumentFitTheBudget() {
        // given
        YunwangScoringModel model = new YunwangScoringModel(TestEndpoints.http(stub, "rerank", AuthScheme.BEARER),
                "BAAI/bge-reranker-v2-m3",
                YunwangScoringModel.bgeTruncation(TokenTruncator.bgeChineseOnFirstUse(), 512));
        String query = "有机护肤品"; // 5 tokens
        // when
        model.score("护肤品".repeat(400), query);
        // then: [CLS] 5 [SEP] doc [SEP] <= 512
        String sent = stub.last(YunwangStub.RERANK).json().get("documents").get(0).asText();
        assertThat(sent).hasSize(512 - 5 - 3);
    }
}
