package dev.yunrag.ingest;

import static dev.yunrag.ingest.TikaDocumentParserTestFixtures.addHeadingStyles;
import static dev.yunrag.ingest.TikaDocumentParserTestFixtures.billionLaughs;
import static dev.yunrag.ingest.TikaDocumentParserTestFixtures.documentWithText;
import static dev.yunrag.ingest.TikaDocumentParserTestFixtures.paragraph;
import static dev.yunrag.ingest.TikaDocumentParserTestFixtures.threePagePdf;
import static dev.yunrag.ingest.TikaDocumentParserTestFixtures.writeLine;
import static dev.yunrag.ingest.TikaDocumentParserTestFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import dev.yunrag.model.Heading;
import dev.yunrag.model.PageSpan;
import dev.yunrag.model.ParsedDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TikaDocumentParserTest {

    private static final long MAX_BYTES = 50L * 1024 * 1024;
    private static final int MAX_CHARS = 5_000_000;

    /** A realistic Chinese paragraph: detectors need more than a few characters to tell GBK from Big5. */
    private static final String SIMPLIFIED = "我们的系统支持中文文档的检索与问答。用户上传文件以后，服务会自动解析文本，"
            + "按照段落和标题进行切分，然后建立索引。这个过程通常只需要几秒钟，但是大型文件可能需要更长的时间。"
            + "如果文件是扫描版的图片，系统会提示没有可以提取的文字。";
    private static final String TRADITIONAL = "我們的系統支援中文文件的檢索與問答。使用者上傳檔案以後，服務會自動解析文字，"
            + "按照段落和標題進行切分，然後建立索引。這個過程通常只需要幾秒鐘，但是大型檔案可能需要更長的時間。"
            + "如果檔案是掃描版的圖片，系統會提示沒有可以擷取的文字。";

    @TempDir
    Path dir;

    private final TikaDocumentParser parser = new TikaDocumentParser(MAX_BYTES, Duration.ofSeconds(60), MAX_CHARS);

    // ---------------------------------------------------------------- PDF

    @Test
    void pdfPagesBecomeContiguousPageSpans() throws Exception {
        // given a three-page PDF with a known word on each page
        Path pdf = threePagePdf(dir.resolve("report.pdf"));

        // when
        ParsedDocument doc = parser.parse(pdf, "docs/report.pdf");

        // then
        assertThat(doc.pages()).extracting(PageSpan::page).containsExactly(1, 2, 3);
        assertStructureConsistent(doc);
        int bravo = doc.text().indexOf("Bravo");
        assertThat(bravo).isPositive();
        assertThat(doc.pageAt(bravo)).isEqualTo(2);
        PageSpan second = doc.pages().get(1);
        assertThat(bravo).isBetween(second.start(), second.end() - 1);
        assertThat(doc.pageAt(doc.text().indexOf("Charlie"))).isEqualTo(3);
        assertThat(doc.pageAt(doc.text().indexOf("Alpha"))).isEqualTo(1);
        assertThat(doc.title()).isEqualTo("Quarterly Report");
        assertThat(doc.source()).isEqualTo("docs/report.pdf");
        assertThat(doc.contentType()).isEqualTo("application/pdf");
        assertThat(doc.metadata()).containsEntry("author", "Li Lei").containsEntry("pageCount", "3")
                .containsEntry("created", "2024-03-05T10:30:00Z");
    }

    @Test
    void pdfTextComesOutInReadingOrderEvenWhenDrawnOutOfOrder() throws Exception {
        // given a page whose lower line is drawn first
        Path pdf = dir.resolve("order.pdf");
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                writeLine(content, 72, 600, "Second line below");
                writeLine(content, 72, 700, "First line above");
            }
            document.save(pdf.toFile());
        }

        // when
        ParsedDocument doc = parser.parse(pdf, "order.pdf");

        // then
        assertThat(doc.text().indexOf("First line above")).isLessThan(doc.text().indexOf("Second line below"));
    }

    @Test
    void encryptedPdfIsRefused() throws Exception {
        // given a PDF that needs a user password
        Path pdf = dir.resolve("secret.pdf");
        try (PDDocument document = documentWithText("Top secret")) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(pdf.toFile());
        }

        // when / then
        assertThatThrownBy(() -> parser.parse(pdf, "secret.pdf"))
                .isInstanceOf(IngestFailure.class)
                .hasMessage("encrypted document (password protected)");
    }

    @Test
    void blankPdfHasNoExtractableText() throws Exception {
        // given a PDF with one empty page, like a scan without a text layer
        Path pdf = dir.resolve("scan.pdf");
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.save(pdf.toFile());
        }

        // when / then
        assertThatThrownBy(() -> parser.parse(pdf, "scan.pdf"))
                .hasMessage("no extractable text (scanned PDF without a text layer?)");
    }

    @Test
    void corruptPdfIsReportedWithShortCause() throws Exception {
        // given a PDF header followed by garbage
        byte[] garbage = new byte[4000];
        new Random(7).nextBytes(garbage);
        Path pdf = dir.resolve("broken.pdf");
        try (OutputStream out = Files.newOutputStream(pdf)) {
            out.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            out.write(garbage);
        }

        // when / then
        assertThatThrownBy(() -> parser.parse(pdf, "broken.pdf"))
                .isInstanceOf(IngestFailure.class)
                .hasMessageStartingWith("cannot parse: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(230));
    }

    @Test
    void chinesePdfKeepsReadingOrderAndPages() throws Exception {
        // given a two-page Chinese PDF (needs a CJK font; WenQuanYi Zen Hei when installed), lower line drawn first
        Path font = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
        Assumptions.assumeTrue(Files.isReadable(font), "no CJK font installed");
        Path pdf = dir.resolve("中文.pdf");
        try (PDDocument document = new PDDocument();
             TrueTypeCollection collection = new TrueTypeCollection(font.toFile())) {
            PDType0Font cjk = PDType0Font.load(document, collection.getFontByName("WenQuanYiZenHei"), true);
            String[][] pages = {{"第二行：检索结果按相关性排序。", "第一行：系统支持中文文档。"}, {"第二页：答案附带引用来源。"}};
            for (String[] lines : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    float y = lines.length == 2 ? 600 : 700;
                    for (String line : lines) {
                        content.beginText();
                        content.setFont(cjk, 14);
                        content.newLineAtOffset(72, y);
                        content.showText(line);
                        content.endText();
                        y += 100;
                    }
                }
            }
            document.save(pdf.toFile());
        }

        // when
        ParsedDocument doc = parser.parse(pdf, "中文.pdf");

        // then
        assertThat(doc.text()).contains("第一行：系统支持中文文档。", "第二行：检索结果按相关性排序。");
        assertThat(doc.text().indexOf("第一行")).isLessThan(doc.text().indexOf("第二行"));
        assertThat(doc.pages()).hasSize(2);
        assertStructureConsistent(doc);
        assertThat(doc.pageAt(doc.text().indexOf("答案附带"))).isEqualTo(2);
        assertThat(doc.title()).isEqualTo("中文.pdf");
    }

    @Test
    void chinesePdfFromSampleCorpusKeepsChineseTextAndPages() throws Exception {
        // given the committed sample corpus (another branch adds it; skipped until then)
        Path corpus = Path.of("sample-corpus");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "sample-corpus/ not present yet");
        List<Path> pdfs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(corpus, "*.pdf")) {
            files.forEach(pdfs::add);
        }
        Assumptions.assumeFalse(pdfs.isEmpty(), "no sample-corpus/*.pdf yet");

        for (Path pdf : pdfs) {
            // when
            ParsedDocument doc = parser.parse(pdf, pdf.getFileName().toString());

            // then
            assertThat(doc.pages()).isNotEmpty();
            assertStructureConsistent(doc);
            assertThat(doc.text().codePoints().filter(c -> Character.UnicodeScript.of(c)
                    == Character.UnicodeScript.HAN).count()).as(pdf.toString()).isGreaterThan(20);
        }
    }

    // ---------------------------------------------------------------- Office, HTML

    @Test
    void docxHeadingStylesBecomeHeadingsAndTableRowsStayOnOneLine() throws Exception {
        // given a DOCX with Heading 1 / Heading 2 paragraphs and a table
        Path docx = dir.resolve("manual.docx");
        try (XWPFDocument document = new XWPFDocument()) {
            addHeadingStyles(document);
            paragraph(document, "Heading1", "安装指南");
            paragraph(document, null, "首先下载安装包。");
            paragraph(document, "Heading2", "系统要求");
            paragraph(document, null, "需要 Java 21 或更高版本。");
            XWPFTable table = document.createTable(2, 2);
            table.getRow(0).getCell(0).setText("组件");
            table.getRow(0).getCell(1).setText("版本");
            table.getRow(1).getCell(0).setText("Java");
            table.getRow(1).getCell(1).setText("21");
            paragraph(document, "Heading1", "常见问题");
            paragraph(document, null, "请查看日志文件。");
            document.getProperties().getCoreProperties().setCreator("王芳");
            try (OutputStream out = Files.newOutputStream(docx)) {
                document.write(out);
            }
        }

        // when
        ParsedDocument doc = parser.parse(docx, "manual.docx");

        // then
        assertThat(doc.headings()).extracting(Heading::level, Heading::title)
                .containsExactly(tuple(1, "安装指南"), tuple(2, "系统要求"), tuple(1, "常见问题"));
        assertStructureConsistent(doc);
        assertThat(doc.headingPathAt(doc.text().indexOf("需要 Java 21"))).containsExactly("安装指南", "系统要求");
        assertThat(doc.headingPathAt(doc.text().indexOf("请查看日志"))).containsExactly("常见问题");
        assertThat(doc.text()).contains("组件：Java | 版本：21");
        assertThat(doc.title()).isEqualTo("安装指南");
        assertThat(doc.metadata()).containsEntry("author", "王芳");
        assertThat(doc.pages()).isEmpty();
    }

    @Test
    void xlsxRowsBecomeLinesLabelledWithTheirHeader() throws Exception {
        // given a workbook with a header and a data row
        Path xlsx = dir.resolve("prices.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("价格");
            sheet.createRow(0).createCell(0).setCellValue("产品");
            sheet.getRow(0).createCell(1).setCellValue("价格");
            sheet.createRow(1).createCell(0).setCellValue("云盘");
            sheet.getRow(1).createCell(1).setCellValue("99元");
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                workbook.write(out);
            }
        }

        // when
        ParsedDocument doc = parser.parse(xlsx, "prices.xlsx");

        // then
        assertThat(doc.text()).contains("产品：云盘 | 价格：99元");
    }

    @Test
    void pptxSlidesAreTreatedAsPages() throws Exception {
        // given two slides
        Path pptx = dir.resolve("deck.pptx");
        try (XMLSlideShow show = new XMLSlideShow()) {
            for (String text : List.of("第一页 开场白", "第二页 结论")) {
                XSLFSlide slide = show.createSlide();
                XSLFTextBox box = slide.createTextBox();
                box.setText(text);
            }
            try (OutputStream out = Files.newOutputStream(pptx)) {
                show.write(out);
            }
        }

        // when
        ParsedDocument doc = parser.parse(pptx, "deck.pptx");

        // then
        assertThat(doc.pages()).hasSize(2);
        assertStructureConsistent(doc);
        assertThat(doc.pageAt(doc.text().indexOf("结论"))).isEqualTo(2);
        assertThat(doc.pageAt(doc.text().indexOf("开场白"))).isEqualTo(1);
    }

    @Test
    void htmlHeadingsTitleAndTable() throws Exception {
        // given an HTML page with a <title>, h1..h3 and a table
        Path html = write("guide.html", """
                <html><head><title>用户手册</title><meta name="author" content="张三"></head><body>
                <h1>第一章  概述</h1><p>本手册介绍
                   系统的使用方法。</p>
                <h2>1.1 背景</h2><p>背景说明。</p>
                <h3>1.1.1 历史</h3><p>历史说明。</p>
                <table><tr><th>名称</th><th>说明</th></tr><tr><td>检索</td><td>查找文档</td></tr></table>
                <h2>1.2 目标</h2><p>目标说明。</p><ul><li>第一项</li><li>第二项</li></ul>
                </body></html>""", StandardCharsets.UTF_8);

        // when
        ParsedDocument doc = parser.parse(html, "guide.html");

        // then
        assertThat(doc.title()).isEqualTo("用户手册");
        assertThat(doc.headings()).extracting(Heading::level, Heading::title).containsExactly(
                tuple(1, "第一章 概述"), tuple(2, "1.1 背景"), tuple(3, "1.1.1 历史"), tuple(2, "1.2 目标"));
        assertStructureConsistent(doc);
        assertThat(doc.headingPathAt(doc.text().indexOf("历史说明"))).containsExactly("第一章 概述", "1.1 背景", "1.1.1 历史");
        assertThat(doc.headingPathAt(doc.text().indexOf("目标说明"))).containsExactly("第一章 概述", "1.2 目标");
        assertThat(doc.text()).contains("本手册介绍系统的使用方法。"); // wrapped Chinese line joined without a space
        assertThat(doc.text()).contains("\n\n名称：检索 | 说明：查找文档\n\n");
        assertThat(doc.text()).contains("目标说明。\n\n第一项\n第二项");
        assertThat(doc.text()).doesNotContain("\n\n\n").doesNotContain("  ");
        assertThat(doc.contentType()).isEqualTo("text/html");
    }

    @Test
    void odtOutlineHeadingsAndTitle() throws Exception {
        // given an OpenDocument text with two outline levels and a title in its metadata
        Path odt = zip(dir.resolve("plan.odt"), "application/vnd.oasis.opendocument.text",
                "content.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                        <office:body><office:text>
                        <text:h text:outline-level="1">项目计划</text:h><text:p>第一阶段完成设计。</text:p>
                        <text:h text:outline-level="2">时间表</text:h><text:p>三月开始。</text:p>
                        </office:text></office:body></office:document-content>""",
                "meta.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                            xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
                        <office:meta><dc:title>二〇二五年计划书</dc:title></office:meta></office:document-meta>""");

        // when
        ParsedDocument doc = parser.parse(odt, "plan.odt");

        // then
        assertThat(doc.title()).isEqualTo("二〇二五年计划书");
        assertThat(doc.headings()).extracting(Heading::level, Heading::title)
                .containsExactly(tuple(1, "项目计划"), tuple(2, "时间表"));
        assertStructureConsistent(doc);
        assertThat(doc.headingPathAt(doc.text().indexOf("三月开始"))).containsExactly("项目计划", "时间表");
    }

    @Test
    void epubChaptersAreRead() throws Exception {
        // given a minimal EPUB with one chapter
        Path epub = zip(dir.resolve("book.epub"), "application/epub+zip",
                "META-INF/container.xml", """
                        <?xml version="1.0"?>
                        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                        <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
                        </rootfiles></container>""",
                "OEBPS/content.opf", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
                        <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>云与山</dc:title>
                        <dc:creator>李白</dc:creator><dc:identifier id="id">book-1</dc:identifier></metadata>
                        <manifest><item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/></manifest>
                        <spine><itemref idref="c1"/></spine></package>""",
                "OEBPS/chapter1.xhtml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>第一章</title></head>
                        <body><h1>第一章 山中</h1><p>山中无甲子，寒尽不知年。</p></body></html>""");

        // when
        ParsedDocument doc = parser.parse(epub, "book.epub");

        // then
        assertThat(doc.text()).contains("山中无甲子，寒尽不知年。");
        assertThat(doc.title()).isEqualTo("云与山");
        assertThat(doc.metadata()).containsEntry("author", "李白");
        assertStructureConsistent(doc);
    }

    @Test
    void rtfTextAndTitle() throws Exception {
        // given an RTF file with an info title and Unicode-escaped Chinese
        Path rtf = write("note.rtf", "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}{\\info{\\title Meeting Note}}"
                + "\\f0 First paragraph.\\par \\u20013?\\u25991?\\u20869?\\u23481?\\par}", StandardCharsets.US_ASCII);

        // when
        ParsedDocument doc = parser.parse(rtf, "note.rtf");

        // then
        assertThat(doc.text()).contains("First paragraph.").contains("中文内容");
        assertThat(doc.title()).isEqualTo("Meeting Note");
        assertThat(doc.contentType()).isEqualTo("application/rtf");
    }

    // ---------------------------------------------------------------- Markdown and plain text

    @Test
    void markdownHeadingsOutsideCodeFences() throws Exception {
        // given Markdown with headings and a fenced shell comment that looks like a heading
        Path md = write("README.md", """
                # 云搜 YunRAG

                简介文字。

                ## 安装 ##

                ```bash
                # 这不是标题
                ./mvnw package
                ```

                ### 配置

                设置 `yunrag.data-dir`。
                """, StandardCharsets.UTF_8);

        // when
        ParsedDocument doc = parser.parse(md, "README.md");

        // then
        assertThat(doc.headings()).extracting(Heading::level, Heading::title)
                .containsExactly(tuple(1, "云搜 YunRAG"), tuple(2, "安装"), tuple(3, "配置"));
        assertStructureConsistent(doc);
        assertThat(doc.title()).isEqualTo("云搜 YunRAG");
        assertThat(doc.contentType()).isEqualTo("text/markdown");
        assertThat(doc.headingPathAt(doc.text().indexOf("设置"))).containsExactly("云搜 YunRAG", "安装", "配置");
        assertThat(doc.text()).contains("# 这不是标题").startsWith("# 云搜 YunRAG");
    }

    @Test
    void markdownSetextHeadingsButNotRulesUnderListsOrParagraphs() throws Exception {
        // given setext headings (=== and ---) beside a list and a two-line paragraph followed by --- rules
        Path md = write("guide.md", """
                用户指南
                ========

                导言。

                安装步骤
                --------

                - 下载
                ---

                第一行
                第二行
                ---

                配置 *
                ===
                """, StandardCharsets.UTF_8);

        // when
        ParsedDocument doc = parser.parse(md, "guide.md");

        // then only the one-line paragraphs count, with their level
        assertThat(doc.headings()).extracting(Heading::level, Heading::title)
                .containsExactly(tuple(1, "用户指南"), tuple(2, "安装步骤"), tuple(1, "配置 *"));
        assertStructureConsistent(doc);
        assertThat(doc.title()).isEqualTo("用户指南");
        assertThat(doc.headingPathAt(doc.text().indexOf("下载"))).containsExactly("用户指南", "安装步骤");
    }

    @Test
    void utf8WithAndWithoutBom() throws Exception {
        // given the same text with and without a byte order mark
        Path plain = write("a.txt", SIMPLIFIED, StandardCharsets.UTF_8);
        Path withBom = dir.resolve("b.txt");
        byte[] body = SIMPLIFIED.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(withBom, bytes);

        // when / then
        assertThat(parser.parse(plain, "a.txt").text()).isEqualTo(SIMPLIFIED);
        assertThat(parser.parse(withBom, "b.txt").text()).isEqualTo(SIMPLIFIED);
        assertThat(parser.parse(plain, "a.txt").title()).isEqualTo("a.txt");
    }

    @Test
    void gbkParagraphIsDecoded() throws Exception {
        // given a realistic paragraph in GBK
        Path gbk = write("gbk.txt", SIMPLIFIED, Charset.forName("GBK"));

        // when
        ParsedDocument doc = parser.parse(gbk, "gbk.txt");

        // then
        assertThat(doc.text()).isEqualTo(SIMPLIFIED);
        assertThat(doc.metadata().get("encoding")).isEqualTo("GB18030");
    }

    @Test
    void big5ParagraphIsNotMistakenForGbk() throws Exception {
        // given a traditional Chinese paragraph in Big5 (most Big5 byte pairs are valid GBK too)
        Path big5 = write("big5.txt", TRADITIONAL, Charset.forName("Big5"));
        assertThat(TextCharsetDetector.decodesStrictly(Files.readAllBytes(big5), Charset.forName("GB18030")))
                .as("the ambiguity this test is about").isTrue();

        // when
        ParsedDocument doc = parser.parse(big5, "big5.txt");

        // then
        assertThat(doc.text()).isEqualTo(TRADITIONAL);
        assertThat(doc.metadata().get("encoding")).isEqualTo("Big5");
    }

    @Test
    void shortGbkAndBig5LinesAreDecoded() throws Exception {
        // given one short sentence in each legacy encoding, the hard case for detectors
        Path gbk = write("short-gbk.txt", "我们的系统支持中文检索。", Charset.forName("GBK"));
        Path big5 = write("short-big5.txt", "我們的系統支援中文檢索。", Charset.forName("Big5"));

        // when / then
        assertThat(parser.parse(gbk, "short-gbk.txt").text()).isEqualTo("我们的系统支持中文检索。");
        assertThat(parser.parse(big5, "short-big5.txt").text()).isEqualTo("我們的系統支援中文檢索。");
    }

    @Test
    void gbkCsvKeepsRows() throws Exception {
        // given a CSV file in GBK with Windows line endings
        Path csv = write("data.csv", "城市,人口\r\n北京,2189万\r\n上海,2487万\r\n", Charset.forName("GBK"));

        // when
        ParsedDocument doc = parser.parse(csv, "data.csv");

        // then
        assertThat(doc.text()).isEqualTo("城市,人口\n北京,2189万\n上海,2487万");
    }

    @Test
    void plainTextIsNormalised() throws Exception {
        // given text with tabs, trailing spaces, control characters and many blank lines
        Path txt = write("messy.txt", "  第一行\t\t内容   \n\n\n\n第二\u0007段\r\n", StandardCharsets.UTF_8);

        // when / then
        assertThat(parser.parse(txt, "messy.txt").text()).isEqualTo("第一行 内容\n\n第二段");
    }

    // ---------------------------------------------------------------- refusals and limits

    @Test
    void emptyFileIsRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pdf"));

        assertThatThrownBy(() -> parser.parse(empty, "empty.pdf")).hasMessage("empty file");
    }

    @Test
    void fileOverSizeLimitIsRefusedBeforeParsing() throws Exception {
        // given a limit of 1 KB and a 3 KB file
        TikaDocumentParser strict = new TikaDocumentParser(1024, Duration.ofSeconds(60), MAX_CHARS);
        Path txt = write("big.txt", "字".repeat(1000), StandardCharsets.UTF_8);

        // when / then
        assertThatThrownBy(() -> strict.parse(txt, "big.txt"))
                .hasMessage("file is 2 KB, over the limit of 1 KB (yunrag.ingest.max-file-bytes)");
    }

    @Test
    void megabyteLimitsReadInMegabytes() {
        assertThat(TikaDocumentParser.describeSize(104_857_600L)).isEqualTo("100 MB");
        assertThat(TikaDocumentParser.describeSize(1_572_864L)).isEqualTo("1.5 MB");
    }

    @Test
    void slowParseTimesOutWithoutWaitingForTika() throws Exception {
        // given a large HTML file and a 50 ms timeout
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; i < 200_000; i++) {
            html.append("<p>段落 ").append(i).append(" 的内容。</p>\n");
        }
        Path big = write("big.html", html.append("</body></html>").toString(), StandardCharsets.UTF_8);
        TikaDocumentParser impatient = new TikaDocumentParser(MAX_BYTES, Duration.ofMillis(50), MAX_CHARS);

        // when
        long started = System.nanoTime();
        assertThatThrownBy(() -> impatient.parse(big, "big.html")).hasMessage("parse timed out after 50 ms");

        // then the caller got its answer close to the timeout, and the abandoned parse stops soon after
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (impatient.runningParses() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(impatient.runningParses()).isZero();
    }

    @Test
    void textBeyondLimitIsRefused() throws Exception {
        // given a limit of 1000 characters and an HTML file with more
        TikaDocumentParser small = new TikaDocumentParser(MAX_BYTES, Duration.ofSeconds(60), 1000);
        Path html = write("long.html", "<html><body><p>" + "很长的文字。".repeat(500) + "</p></body></html>",
                StandardCharsets.UTF_8);

        // when / then
        assertThatThrownBy(() -> small.parse(html, "long.html"))
                .hasMessage("text exceeds the limit of 1000 characters (yunrag.ingest.max-text-chars)");
    }

    @Test
    void highlyCompressedDocxIsRefusedAsZipBomb() throws Exception {
        // given a DOCX whose few KB unpack into millions of characters
        Path docx = dir.resolve("bomb.docx");
        try (XWPFDocument document = new XWPFDocument()) {
            String line = "a".repeat(100_000);
            for (int i = 0; i < 150; i++) {
                document.createParagraph().createRun().setText(line);
            }
            try (OutputStream out = Files.newOutputStream(docx)) {
                document.write(out);
            }
        }
        assertThat(Files.size(docx)).isLessThan(200_000);

        // when / then: refused from the ZIP's directory before inflating (issue 18) ...
        assertThatThrownBy(() -> parser.parse(docx, "bomb.docx"))
                .isInstanceOf(IngestFailure.class)
                .hasMessageMatching("suspected zip bomb: word/document.xml expands \\d+ times .*");
        // ... and, should the declared sizes lie (the directory check opened wide here), while it streams
        TikaDocumentParser trustingTheDirectory = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60),
                20_000_000, dev.yunrag.ingest.image.ImageReading.off(null),
                new ZipExpansionLimits(Long.MAX_VALUE, Integer.MAX_VALUE));
        assertThatThrownBy(() -> trustingTheDirectory.parse(docx, "bomb.docx"))
                .isInstanceOf(IngestFailure.class)
                .hasMessageMatching("suspected zip bomb: \\d+ input bytes produced \\d+ output characters");
    }

    @Test
    void billionLaughsXmlIsStoppedByTheEntityExpansionLimit() throws Exception {
        // given an XML file with nested entity expansion
        Path bomb = write("lolz.xml", billionLaughs("<lolz>&lol9;</lolz>"), StandardCharsets.UTF_8);

        // when / then: the JDK's entity expansion limit stays on in Tika's XML parsing
        long started = System.nanoTime();
        assertThatThrownBy(() -> parser.parse(bomb, "lolz.xml"))
                .isInstanceOf(IngestFailure.class)
                .hasMessageStartingWith("cannot parse: ")
                .hasMessageContaining("entity expansion");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void billionLaughsHtmlFailsFastOrStaysSmall() throws Exception {
        // given an HTML file with nested entity declarations (HTML parsers do not expand DTD entities)
        Path bomb = write("lolz.html", billionLaughs("<html><body><p>&lol9;</p></body></html>"), StandardCharsets.UTF_8);

        // when
        long started = System.nanoTime();
        String outcome;
        try {
            outcome = "parsed " + parser.parse(bomb, "lolz.html").text().length() + " chars";
        } catch (IngestFailure e) {
            outcome = e.getMessage();
        }

        // then: never a billion "lol"s, and quickly
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        if (outcome.startsWith("parsed ")) {
            assertThat(Integer.parseInt(outcome.replaceAll("\\D", ""))).isLessThan(100_000);
        } else {
            assertThat(outcome).startsWith("cannot parse: ");
        }
    }

    @Test
    void randomBytesNamedDocxAreNotIndexed() throws Exception {
        Path fake = dir.resolve("fake.docx");
        byte[] bytes = new byte[5000];
        new Random(42).nextBytes(bytes);
        Files.write(fake, bytes);

        assertThatThrownBy(() -> parser.parse(fake, "fake.docx"))
                .isInstanceOf(IngestFailure.class)
                .satisfies(e -> assertThat(e.getMessage()).matches("(cannot parse: |unsupported file type ).+"));
    }

    @Test
    void unknownBinaryIsUnsupported() throws Exception {
        Path blob = dir.resolve("blob.bin");
        byte[] bytes = new byte[5000];
        new Random(1).nextBytes(bytes);
        Files.write(blob, bytes);

        assertThatThrownBy(() -> parser.parse(blob, "blob.bin"))
                .hasMessage("unsupported file type application/octet-stream");
    }

    @Test
    void imageIsUnsupportedBecauseOcrIsOff() throws Exception {
        // given a real PNG
        Path png = dir.resolve("photo.png");
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(20, 20,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(image, "png", png.toFile());

        assertThatThrownBy(() -> parser.parse(png, "photo.png"))
                .hasMessageStartingWith("unsupported file type image/png");
    }

    // ---------------------------------------------------------------- helpers

    private static void assertStructureConsistent(ParsedDocument doc) {
        String text = doc.text();
        for (Heading heading : doc.headings()) {
            assertThat(text.substring(heading.offset())).as("heading %s", heading).startsWith(heading.title());
        }
        if (!doc.pages().isEmpty()) {
            assertThat(doc.pages().getFirst().start()).isZero();
            assertThat(doc.pages().getLast().end()).isEqualTo(text.length());
            for (int i = 1; i < doc.pages().size(); i++) {
                assertThat(doc.pages().get(i).start()).isEqualTo(doc.pages().get(i - 1).end());
                assertThat(doc.pages().get(i).page()).isEqualTo(i + 1);
            }
        }
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(charset));
    }
}
