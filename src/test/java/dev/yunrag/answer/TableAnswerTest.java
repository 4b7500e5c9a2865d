package dev.yunrag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.ingest.SentenceChunker;
import dev.yunrag.ingest.TikaDocumentParser;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ParsedDocument;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Table questions over the sample corpus, parsed by real Tika and chunked with the default budget, answered by the
 * extractive answerer with the in-process embedding model: the answer quotes the matching row, labelled with its
 * header, and cites that row, not the header line or the other rows.
 */
class TableAnswerTest {

    private static final Path CORPUS = Path.of("sample-corpus");
    private static ExtractiveAnswerer answerer;

    @BeforeAll
    static void loadModel() {
        answerer = new ExtractiveAnswerer(new BgeSmallZhV15EmbeddingModel());
    }

    @Test
    void aSpreadsheetQuestionIsAnsweredWithTheMatchingRowOnly() throws Exception {
        List<ScoredChunk> passages = passagesOf("sales-2024.xlsx");

        CitedAnswer answer = answerer.answer("2024年华南区第四季度的销售额是多少万元？", passages);

        assertThat(answer.text()).startsWith("区域：华南区 | ").contains("第四季度（万元）：1568").endsWith("[1]");
        assertThat(answer.highlights()).singleElement().satisfies(row ->
                assertThat(quoted(passages.getFirst(), row)).startsWith("区域：华南区").endsWith("区域负责人：李嘉欣"));
        assertThat(answer.citations()).singleElement()
                .satisfies(c -> assertThat(c.headingPath()).containsExactly("2024年分区域销售额"));
    }

    @Test
    void anHtmlPriceQuestionIsAnsweredWithOneRowNotAllThree() throws Exception {
        List<ScoredChunk> passages = passagesOf("smart-speaker-manual.html");

        CitedAnswer answer = answerer.answer("云帆小智S2 Pro的建议零售价是多少元？", passages);

        assertThat(answer.text()).contains("版本：S2 Pro | 颜色：月光白 | 内置存储：32GB | 建议零售价（元）：599")
                .doesNotContain("S2 标准版").doesNotContain("S2 儿童版");
    }

    @Test
    void proseChosenBesideARowIsKept() {
        List<String> chosen = List.of("产品型号：YF-S2 | 产品名称：云帆小智 S2 | 上市时间：2023年11月",
                "云帆小智 S2 整机保修期为12个月。", "各型号价格如下：", "产品型号：YF-M1 | 产品名称：云帆小智 Mini");

        assertThat(TableRowFilter.keepMatchingRows("云帆小智S2的整机保修期多长？", chosen, s -> s)).containsExactly(
                "产品型号：YF-S2 | 产品名称：云帆小智 S2 | 上市时间：2023年11月", "云帆小智 S2 整机保修期为12个月。");
        assertThat(TableRowFilter.keepMatchingRows("保修期多长？", chosen, s -> s)).isEqualTo(chosen);
    }

    /** Every passage of the document, the one holding the answer first (as retrieval would rank it). */
    private static List<ScoredChunk> passagesOf(String file) throws Exception {
        ParsedDocument doc = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000)
                .parse(CORPUS.resolve(file), file);
        List<Chunk> chunks = new SentenceChunker(new BertTokenCounter(), 384, 48).chunk("doc", doc);
        return chunks.stream()
                .map(c -> new ScoredChunk(c, file, doc.title(), doc.contentType(), RankTrace.NONE)).toList();
    }

    private static String quoted(ScoredChunk passage, Highlight highlight) {
        return passage.text().substring(highlight.start() - passage.chunk().start(),
                highlight.end() - passage.chunk().start());
    }
}
