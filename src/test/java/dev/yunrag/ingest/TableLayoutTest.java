package dev.yunrag.ingest;

import dev.yunrag.text.SentenceSplitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.embed.BertTokenCounter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ParsedDocument;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables parsed by real Tika come out as one line per row, labelled with the column headers, so that a row read
 * alone says what its values are; a row is one sentence and is never cut by the chunker.
 */
class TableLayoutTest {

    private static final Path CORPUS = Path.of("sample-corpus");
    private final TikaDocumentParser parser = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 20_000_000);

    @TempDir
    Path dir;

    @Test
    void spreadsheetRowsCarryTheirHeaderLabels() throws Exception {
        ParsedDocument doc = parser.parse(CORPUS.resolve("sales-2024.xlsx"), "sales-2024.xlsx");

        List<String> lines = lines(doc);
        assertThat(lines).contains("区域：华南区 | 第一季度（万元）：1102 | 第二季度（万元）：1215 | 第三季度（万元）：1330"
                + " | 第四季度（万元）：1568 | 全年合计（万元）：5215 | 区域负责人：李嘉欣");
        assertThat(lines).contains("产品型号：YF-S2 | 产品名称：云帆小智 S2 | 全年销量（台）：214500 | 平均售价（元）：399"
                + " | 上市时间：2023年11月");
        // the header row is carried by every row, not left as a line of labels that answers nothing
        assertThat(lines).noneMatch(line -> line.startsWith("区域 | "));
        assertThat(doc.headingPathAt(doc.text().indexOf("区域：华南区"))).containsExactly("2024年分区域销售额");
    }

    @Test
    void htmlHeaderCellsLabelEveryRow() throws Exception {
        ParsedDocument doc = parser.parse(CORPUS.resolve("smart-speaker-manual.html"), "smart-speaker-manual.html");

        assertThat(lines(doc)).contains("版本：S2 Pro | 颜色：月光白 | 内置存储：32GB | 建议零售价（元）：599",
                "版本：S2 标准版 | 颜色：星空灰 | 内置存储：8GB | 建议零售价（元）：399",
                "项目：重量 | 参数：680克");
    }

    @Test
    void aTableOfNamesAndValuesWithoutHeaderMarkupStaysAsItIs() throws Exception {
        Path html = write("spec.html", "<html><body><p>规格如下。</p><table><caption>表1 规格</caption>"
                + "<tr><td>型号</td><td>YF-S2</td></tr><tr><td>重量</td><td>680克</td></tr></table>"
                + "<p>以上为出厂参数。</p></body></html>");

        ParsedDocument doc = parser.parse(html, "spec.html");

        assertThat(doc.text()).isEqualTo("规格如下。\n\n表1 规格\n型号 | YF-S2\n重量 | 680克\n\n以上为出厂参数。");
    }

    @Test
    void aWordTableRowWithSentencesInItsCellsIsOneSentence() throws Exception {
        Path docx = dir.resolve("leave.docx");
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText("各类假期规定如下。");
            XWPFTable table = document.createTable(3, 3);
            fill(table, 0, "假期类型", "天数", "说明");
            fill(table, 1, "婚假", "13天", "须在登记后一年内休完。可分两次休。");
            fill(table, 2, "产假", "158天", "含法定产假98天。难产增加15天。");
            try (OutputStream out = Files.newOutputStream(docx)) {
                document.write(out);
            }
        }

        ParsedDocument doc = parser.parse(docx, "leave.docx");

        String row = "假期类型：产假 | 天数：158天 | 说明：含法定产假98天。难产增加15天。";
        assertThat(lines(doc)).contains(row);
        assertThat(sentences(doc.text())).contains(row, "各类假期规定如下。");
    }

    @Test
    void presentationTablesAreLaidOutTheSameWay() throws Exception {
        Path pptx = dir.resolve("plan.pptx");
        try (XMLSlideShow show = new XMLSlideShow()) {
            XSLFTable table = show.createSlide().createTable();
            for (String[] cells : new String[][] {{"阶段", "负责人", "截止日期"}, {"内测", "周敏", "2025年4月30日"},
                    {"公测", "赵磊", "2025年6月18日"}}) {
                XSLFTableRow row = table.addRow();
                for (String cell : cells) {
                    row.addCell().setText(cell);
                }
            }
            try (OutputStream out = Files.newOutputStream(pptx)) {
                show.write(out);
            }
        }

        ParsedDocument doc = parser.parse(pptx, "plan.pptx");

        assertThat(lines(doc)).contains("阶段：公测 | 负责人：赵磊 | 截止日期：2025年6月18日");
        assertThat(doc.pageAt(doc.text().indexOf("阶段：公测"))).isEqualTo(1);
    }

    @Test
    void aLargeTableIsChunkedByWholeRowsEachWithItsHeader() throws Exception {
        Path xlsx = dir.resolve("stores.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("门店");
            row(sheet, 0, "门店编号", "城市", "店长", "月销售额（万元）");
            for (int i = 1; i <= 120; i++) {
                row(sheet, i, "MD-" + (1000 + i), i % 2 == 0 ? "杭州" : "宁波", "店长" + i, Integer.toString(i * 7));
            }
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                workbook.write(out);
            }
        }
        ParsedDocument doc = parser.parse(xlsx, "stores.xlsx");

        List<Chunk> chunks = new SentenceChunker(new BertTokenCounter(), 96, 16).chunk("d", doc);

        assertThat(chunks).hasSizeGreaterThan(10);
        for (Chunk chunk : chunks) {
            assertThat(chunk.text()).isEqualTo(doc.text().substring(chunk.start(), chunk.end()));
            for (String line : chunk.text().split("\n")) {
                if (!line.isEmpty() && !line.equals("门店")) {
                    assertThat(line).matches("门店编号：MD-\\d+ \\| 城市：\\S+ \\| 店长：店长\\d+ \\| 月销售额（万元）：\\d+");
                }
            }
        }
    }

    @Test
    void markdownTableRowsAreOneSentenceEach() {
        String text = "价格如下。\n| 版本 | 价格 |\n| S2 Pro；限量 | 599元。含税 |\n结束。";

        assertThat(sentences(text)).containsExactly("价格如下。", "| 版本 | 价格 |", "| S2 Pro；限量 | 599元。含税 |", "结束。");
    }

    private static List<String> lines(ParsedDocument doc) {
        return Arrays.asList(doc.text().split("\n"));
    }

    private static List<String> sentences(String text) {
        return SentenceSplitter.split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    private static void fill(XWPFTable table, int row, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            table.getRow(row).getCell(i).setText(cells[i]);
        }
    }

    private static void row(XSSFSheet sheet, int index, String... cells) {
        XSSFRow row = sheet.createRow(index);
        for (int i = 0; i < cells.length; i++) {
            row.createCell(i).setCellValue(cells[i]);
        }
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
