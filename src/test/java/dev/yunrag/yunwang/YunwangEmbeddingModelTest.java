package dev.yunrag.yunwang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.yunrag.yunwang.YunwangException.Kind;
import dev.yunrag.yunwang.YunwangStub.ArrayInput;
import dev.yunrag.yunwang.YunwangStub.Fault;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class YunwangEmbeddingModelTest extends StubTest {

    private static final String INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    private YunwangEmbeddingModel model(int batchSize, UnaryOperator<String> truncation) {
        return new YunwangEmbeddingModel(TestEndpoints.http(stub, "embedding", AuthScheme.BEARER),
                "BAAI/bge-large-zh-v1.5", 1024, batchSize, INSTRUCTION, truncation);
    }

    private static List<TextSegment> segments(int count) {
        // Text i has length i + 1, which the stub echoes in component 0 of its vector.
        return IntStream.range(0, count).mapToObj(i -> TextSegment.from("字".repeat(i + 1))).toList();
    }

    private static List<Integer> firstComponents(List<Embedding> embeddings) {
        return embeddings.stream().map(e -> (int) e.vector()[0]).toList();
    }

    @Test
    void sendsBatchesAsArraysAndKeepsInputOrder() {
        // given
        YunwangEmbeddingModel model = model(4, UnaryOperator.identity());
        // when
        List<Embedding> embeddings = model.embedAll(segments(10)).content();
        // then
        assertThat(firstComponents(embeddings)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(embeddings).allSatisfy(e -> assertThat(e.dimension()).isEqualTo(1024));
        List<JsonNode> bodies = stub.received(YunwangStub.EMBEDDINGS).stream().map(YunwangStub.Received::json).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies).allSatisfy(body -> {
            assertThat(body.get("model").asText()).isEqualTo("BAAI/bge-large-zh-v1.5");
            assertThat(body.get("input").isArray()).isTrue();
        });
        assertThat(bodies.stream().mapToInt(body -> body.get("input").size()).sorted().toArray())
                .containsExactly(2, 4, 4);
        assertThat(model.dimension()).isEqualTo(1024);
    }

    @Test
    void batchesRunInParallelButNeverBeyondTheEndpointsConcurrency() {
        // given: 8 batches, each answered after 150 ms, an endpoint allowing 2 calls at once
        stub.responseDelay(150);
        YunwangEmbeddingModel model = new YunwangEmbeddingModel(
                new YunwangHttp(TestEndpoints.endpoint(stub, "embedding", AuthScheme.BEARER).withMaxConcurrency(2)),
                "BAAI/bge-large-zh-v1.5", 1024, 1, "", UnaryOperator.identity());
        // when
        List<Embedding> embeddings = model.embedAll(segments(8)).content();
        // then
        assertThat(firstComponents(embeddings)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(stub.maxInFlight()).isEqualTo(2);
    }

    @Test
    void fallsBackToOneTextPerRequestWhenArraysAreRefusedAndRemembers() {
        // given
        stub.arrayInput(ArrayInput.REFUSE_400);
        YunwangEmbeddingModel model = model(8, UnaryOperator.identity());
        // when
        List<Embedding> first = model.embedAll(segments(3)).content();
        List<Embedding> second = model.embedAll(segments(2)).content();
        // then
        assertThat(firstComponents(first)).containsExactly(1, 2, 3);
        assertThat(firstComponents(second)).containsExactly(1, 2);
        assertThat(model.singleTextOnly()).isTrue();
        List<JsonNode> bodies = stub.received(YunwangStub.EMBEDDINGS).stream().map(YunwangStub.Received::json).toList();
        assertThat(bodies).hasSize(1 + 3 + 2); // one refused array, then single texts only
        assertThat(bodies.subList(1, bodies.size())).allSatisfy(body -> assertThat(body.get("input").isTextual()).isTrue());
    }

    @Test
    void fallsBackWhenArraysAreRefusedWith422() {
        stub.arrayInput(ArrayInput.REFUSE_422);
        YunwangEmbeddingModel model = model(8, UnaryOperator.identity());

        assertThat(firstComponents(model.embedAll(segments(2)).content())).containsExactly(1, 2);
        assertThat(model.singleTextOnly()).isTrue();
    }

    @Test
    void fallsBackWhenTheServerAnswersFewerVectorsThanInputs() {
        stub.arrayInput(ArrayInput.FIRST_ONLY);
        YunwangEmbeddingModel model = model(8, UnaryOperator.identity());

        assertThat(firstComponents(model.embedAll(segments(3)).content())).containsExactly(1, 2, 3);
        assertThat(model.singleTextOnly()).isTrue();
    }

    @Test
    void wrongVectorSizeIsMalformed() {
        stub.failNext(YunwangStub.EMBEDDINGS, new Fault.WrongDimension(768));
        YunwangEmbeddingModel model = model(8, UnaryOperator.identity());

        assertThatThrownBy(() -> model.embed("你好"))
                .isInstanceOfSatisfying(YunwangException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("expected 1024 dims, got 768");
                });
    }

    @Test
    void queriesGetTheInstructionPassagesDoNot() {
        YunwangEmbeddingModel model = model(8, UnaryOperator.identity());

        model.embedQuery("什么是深度学习");
        model.embed("深度学习是机器学习的一个分支");

        List<YunwangStub.Received> received = stub.received(YunwangStub.EMBEDDINGS);
        assertThat(received.get(0).json().get("input").asText()).isEqualTo(INSTRUCTION + "什么是深度学习");
        assertThat(received.get(1).json().get("input").asText()).isEqualTo("深度学习是机器学习的一个分支");
    }

    @Test
    void longInputsAreCutTo512ModelTokens() {
        // given: 2000 Chinese characters, one BERT-Chinese token each
        String longText = "中文文本的嵌入".repeat(300);
        YunwangEmbeddingModel model = model(8,
                YunwangEmbeddingModel.bgeTruncation(TokenTruncator.bgeChineseOnFirstUse(), 512));
        // when
        model.embed(longText);
        // then: 510 tokens plus [CLS] and [SEP]
        String sent = stub.last(YunwangStub.EMBEDDINGS).json().get("input").asText();
        assertThat(longText).startsWith(sent);
        assertThat(TokenTruncator.loadBgeChinese().countTokens(sent)).isEqualTo(510);
        assertThat(sent).hasSize(510);
    }

    @Test
    void shortInputsAreSentUnchanged() {
        YunwangEmbeddingModel model = model(8,
                YunwangEmbeddingModel.bgeTruncation(TokenTruncator.bgeChineseOnFirstUse(), 512));

        model.embed("What is Deep Learning?");

        assertThat(stub.last(YunwangStub.EMBEDDINGS).json().get("input").asText()).isEqualTo("What is Deep Learning?");
    }
}
