package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.Heading;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.ParsedDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentenceChunkerTest {

    private static BertTokenCounter tokens;

    @BeforeAll
    static void loadTokenizer() {
        tokens = new BertTokenCounter();
    }

    @AfterAll
    static void close() {
        tokens.close();
    }

    private static ParsedDocument doc(String text, List<PageSpan> pages, List<Heading> headings) {
        return new ParsedDocument("t.txt", "T", "text/plain", text, pages, headings, Map.of());
    }

    private static String chineseText(int sentences) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            text.append("第").append(i).append("条规定员工每年享有十五天带薪年假，需提前两周申请。");
            if (i % 4 == 3) {
                text.append("\n\n");
            }
        }
        return text.toString();
    }

    @Test
    void chunksStayWithinTheTokenBudgetAndKeepExactOffsets() {
        String text = chineseText(60);
        List<Chunk> chunks = new SentenceChunker(tokens, 64, 16).chunk("d1", doc(text, List.of(), List.of()));

        assertThat(chunks).hasSizeGreaterThan(5);
        for (Chunk chunk : chunks) {
            assertThat(tokens.count(chunk.text())).isLessThanOrEqualTo(64);
            assertThat(text.substring(chunk.start(), chunk.end())).isEqualTo(chunk.text());
            assertThat(chunk.documentId()).isEqualTo("d1");
        }
        assertThat(chunks).extracting(Chunk::ordinal).containsExactly(
                java.util.stream.IntStream.range(0, chunks.size()).boxed().toArray(Integer[]::new));
    }

    @Test
    void chunksEndAtChineseSentenceBoundaries() {
        String text = chineseText(30);
        List<Chunk> chunks = new SentenceChunker(tokens, 50, 0).chunk("d", doc(text, List.of(), List.of()));

        for (Chunk chunk : chunks) {
            assertThat(chunk.text()).endsWith("。");
            assertThat(chunk.text()).startsWith("第");
        }
    }

    @Test
    void overlapRepeatsTheLastSentenceOfThePreviousChunk() {
        String text = chineseText(20);
        List<Chunk> chunks = new SentenceChunker(tokens, 80, 39).chunk("d", doc(text, List.of(), List.of()));

        assertThat(chunks).hasSizeGreaterThan(2);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk previous = chunks.get(i - 1);
            Chunk next = chunks.get(i);
            assertThat(next.start()).isLessThan(previous.end());
            String lastSentence = previous.text().substring(previous.text().lastIndexOf('第'));
            assertThat(next.text()).startsWith(lastSentence);
        }
    }

    @Test
    void withoutOverlapChunksTileTheTextInOrder() {
        String text = chineseText(20);
        List<Chunk> chunks = new SentenceChunker(tokens, 60, 0).chunk("d", doc(text, List.of(), List.of()));

        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).start()).isGreaterThanOrEqualTo(chunks.get(i - 1).end());
            assertThat(text.substring(chunks.get(i - 1).end(), chunks.get(i).start())).isBlank();
        }
    }

    @Test
    void aSentenceIsCutOnlyWhenItAloneExceedsTheBudget() {
        String longSentence = "这是一个没有任何标点符号的非常长的句子".repeat(20) + "。";
        String text = "短句一。" + longSentence + "短句二。";
        List<Chunk> chunks = new SentenceChunker(tokens, 40, 0).chunk("d", doc(text, List.of(), List.of()));

        assertThat(chunks).allSatisfy(c -> assertThat(tokens.count(c.text())).isLessThanOrEqualTo(40));
        assertThat(chunks.getFirst().text()).isEqualTo("短句一。");
        assertThat(chunks.getLast().text()).endsWith("短句二。");
        assertThat(String.join("", chunks.stream().map(Chunk::text).toList())).isEqualTo(text);
    }

    @Test
    void englishSentencesSplitOnFullStopsNotOnDecimals() {
        String text = "The price rose to 3.5 dollars in 2020. Sales doubled! Did profits follow? Yes, they did.";
        List<Chunk> chunks = new SentenceChunker(tokens, 12, 0).chunk("d", doc(text, List.of(), List.of()));

        assertThat(chunks).extracting(Chunk::text).first().isEqualTo("The price rose to 3.5 dollars in 2020.");
    }

    @Test
    void tableRowsAndListItemsStayWhole() {
        String text = "费用标准如下：\n北京 | 住宿 | 600元\n上海 | 住宿 | 550元\n广州 | 住宿 | 500元\n- 第一项：出差需审批\n- 第二项：发票需齐全";
        List<Chunk> chunks = new SentenceChunker(tokens, 24, 0).chunk("d", doc(text, List.of(), List.of()));

        List<String> rows = List.of("北京 | 住宿 | 600元", "上海 | 住宿 | 550元", "广州 | 住宿 | 500元", "- 第一项：出差需审批");
        for (String row : rows) {
            assertThat(chunks).anySatisfy(c -> assertThat(c.text()).contains(row));
        }
    }

    @Test
    void chunksKnowTheirPagesAndHeadings() {
        String page1 = "第一章 总则\n" + chineseText(6);
        String page2 = "第二章 假期\n" + chineseText(6);
        String text = page1 + "\n" + page2;
        int page2Start = page1.length() + 1;
        List<PageSpan> pages = List.of(new PageSpan(1, 0, page2Start), new PageSpan(2, page2Start, text.length()));
        List<Heading> headings = List.of(new Heading(1, "第一章 总则", 0), new Heading(1, "第二章 假期", page2Start));

        List<Chunk> chunks = new SentenceChunker(tokens, 80, 0).chunk("d", doc(text, pages, headings));

        Chunk first = chunks.getFirst();
        Chunk last = chunks.getLast();
        assertThat(first.pageStart()).isEqualTo(1);
        assertThat(first.headingPath()).containsExactly("第一章 总则");
        assertThat(last.pageEnd()).isEqualTo(2);
        assertThat(last.headingPath()).containsExactly("第二章 假期");
        // The chunk that starts the second chapter starts at its heading (a section break), not mid-chapter.
        assertThat(chunks).anySatisfy(c -> assertThat(c.start()).isEqualTo(page2Start));
    }

    @Test
    void rejectsAnOverlapThatCannotMakeProgress() {
        assertThatThrownBy(() -> new SentenceChunker(tokens, 64, 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap-tokens");
    }
}
