// Generates the binary / re-encoded files of sample-corpus/ from the plain-text originals in sample-corpus/src/.
// Run from the repository root (see sample-corpus/README.md):
//   java -cp "$(cat /tmp/cp.txt)" sample-corpus/src/GenerateCorpus.java
// Needs Apache POI + PDFBox on the classpath (they come with Tika's standard parser package) and the
// WenQuanYi Zen Hei font (Debian package fonts-wqy-zenhei) for the PDF.
import java.io.*;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.*;
import java.nio.file.*;
import java.util.*;
import java.util.zip.*;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.*;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.poi.xwpf.usermodel.*;
import org.apache.poi.xslf.usermodel.*;
import org.apache.poi.xssf.usermodel.*;
import org.apache.poi.ss.usermodel.*;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.*;

public class GenerateCorpus {
    static final Path SRC = Paths.get("sample-corpus/src");
    static final Path OUT = Paths.get("sample-corpus");
    static final String FONT = System.getProperty("cjkFont", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
    // Fixed timestamp inside the zip-based formats we write ourselves, so regeneration is byte-stable.
    static final long ZIP_TIME = 1735689600000L; // 2025-01-01T00:00:00Z

    public static void main(String[] args) throws Exception {
        pdf("employee-handbook.txt", "employee-handbook.pdf", "云帆数据科技有限公司 员工手册");
        docx("it-security-policy.txt", "it-security-policy.docx", "信息安全管理制度");
        gbk("meeting-minutes-2025-03.txt", "meeting-minutes-2025-03.gbk.txt");
        pptx("onboarding-training.txt", "onboarding-training.pptx");
        xlsx("sales-2024.xlsx");
        odt("remote-work-policy-en.txt", "remote-work-policy-en.odt");
        rtf("company-history.txt", "company-history.rtf");
        epub("office-guide.txt", "office-guide.epub");
        System.out.println("done");
    }

    static List<String> lines(String name) throws IOException {
        return Files.readAllLines(SRC.resolve(name), StandardCharsets.UTF_8);
    }

    static int level(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') n++;
        return (n > 0 && n < line.length() && line.charAt(n) == ' ') ? n : 0;
    }

    static String strip(String line) {
        int l = level(line);
        return l == 0 ? line : line.substring(l + 1);
    }

    // ---------------------------------------------------------------- PDF (PDFBox, embedded CJK subset font)
    static void pdf(String src, String out, String footer) throws Exception {
        try (TrueTypeCollection ttc = new TrueTypeCollection(new File(FONT));
             PDDocument doc = new PDDocument()) {
            TrueTypeFont[] first = new TrueTypeFont[1];
            ttc.processAllFonts(f -> { if (first[0] == null) first[0] = f; });
            PDType0Font font = PDType0Font.load(doc, first[0], true);
            List<List<String>> pages = new ArrayList<>();
            pages.add(new ArrayList<>());
            for (String l : lines(src)) {
                if (l.equals("<<PAGE>>")) pages.add(new ArrayList<>());
                else pages.get(pages.size() - 1).add(l);
            }
            float margin = 60, width = PDRectangle.A4.getWidth() - 2 * margin;
            for (int p = 0; p < pages.size(); p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    float y = PDRectangle.A4.getHeight() - margin;
                    for (String raw : pages.get(p)) {
                        if (raw.isBlank()) { y -= 10; continue; }
                        int lv = level(raw);
                        float size = lv == 1 ? 20 : lv == 2 ? 15 : lv == 3 ? 13 : 11.5f;
                        if (lv > 0) y -= 8;
                        for (String piece : wrap(strip(raw), font, size, width)) {
                            cs.beginText();
                            cs.setFont(font, size);
                            cs.newLineAtOffset(margin, y);
                            cs.showText(piece);
                            cs.endText();
                            y -= size * 1.6f;
                        }
                    }
                    cs.beginText();
                    cs.setFont(font, 9);
                    cs.newLineAtOffset(margin, 40);
                    cs.showText(footer + "  第" + (p + 1) + "页 / 共" + pages.size() + "页");
                    cs.endText();
                }
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(footer);
            info.setAuthor("YunRAG sample corpus");
            doc.save(OUT.resolve(out).toFile());
        }
    }

    static List<String> wrap(String text, PDType0Font font, float size, float width) throws IOException {
        List<String> res = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String c = new String(Character.toChars(cp));
            if (font.getStringWidth(cur + c) / 1000 * size > width) {
                res.add(cur.toString());
                cur.setLength(0);
            }
            cur.append(c);
            i += Character.charCount(cp);
        }
        if (cur.length() > 0) res.add(cur.toString());
        return res;
    }

    // ---------------------------------------------------------------- DOCX (POI, real "heading N" styles)
    static void docx(String src, String out, String title) throws Exception {
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFStyles styles = doc.createStyles();
            int[] sizes = {0, 32, 28, 24};
            for (int n = 1; n <= 3; n++) {
                CTStyle ct = CTStyle.Factory.newInstance();
                ct.setStyleId("Heading" + n);
                ct.setType(STStyleType.PARAGRAPH);
                ct.addNewName().setVal("heading " + n);
                ct.addNewNext().setVal("Normal");
                ct.addNewQFormat();
                ct.addNewUiPriority().setVal(BigInteger.valueOf(9));
                CTPPrGeneral ppr = ct.addNewPPr();
                ppr.addNewKeepNext();
                ppr.addNewOutlineLvl().setVal(BigInteger.valueOf(n - 1));
                CTRPr rpr = ct.addNewRPr();
                rpr.addNewB();
                rpr.addNewSz().setVal(BigInteger.valueOf(sizes[n]));
                styles.addStyle(new XWPFStyle(ct, styles));
            }
            for (String raw : lines(src)) {
                if (raw.isBlank()) continue;
                int lv = level(raw);
                XWPFParagraph p = doc.createParagraph();
                if (lv > 0) p.setStyle("Heading" + lv);
                XWPFRun r = p.createRun();
                r.setText(strip(raw));
            }
            doc.getProperties().getCoreProperties().setTitle(title);
            doc.getProperties().getCoreProperties().setCreator("YunRAG sample corpus");
            try (OutputStream os = Files.newOutputStream(OUT.resolve(out))) { doc.write(os); }
        }
    }

    // ---------------------------------------------------------------- GBK text
    static void gbk(String src, String out) throws Exception {
        String text = Files.readString(SRC.resolve(src), StandardCharsets.UTF_8);
        CharsetEncoder enc = Charset.forName("GBK").newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bb = enc.encode(CharBuffer.wrap(text.replace("\n", "\r\n"))); // Windows-style, as such files usually are
        byte[] bytes = new byte[bb.remaining()];
        bb.get(bytes);
        Files.write(OUT.resolve(out), bytes);
    }

    // ---------------------------------------------------------------- PPTX (POI): "# " starts a slide
    static void pptx(String src, String out) throws Exception {
        try (XMLSlideShow ppt = new XMLSlideShow()) {
            XSLFSlideMaster master = ppt.getSlideMasters().get(0);
            XSLFSlideLayout titleLayout = master.getLayout(SlideLayout.TITLE);
            XSLFSlideLayout bodyLayout = master.getLayout(SlideLayout.TITLE_AND_CONTENT);
            List<List<String>> slides = new ArrayList<>();
            for (String l : lines(src)) {
                if (l.isBlank()) continue;
                if (level(l) == 1) slides.add(new ArrayList<>());
                slides.get(slides.size() - 1).add(strip(l));
            }
            for (int i = 0; i < slides.size(); i++) {
                List<String> s = slides.get(i);
                XSLFSlide slide = ppt.createSlide(i == 0 ? titleLayout : bodyLayout);
                slide.getPlaceholder(0).setText(s.get(0));
                XSLFTextShape body = slide.getPlaceholder(1);
                body.clearText();
                for (String line : s.subList(1, s.size())) {
                    body.addNewTextParagraph().addNewTextRun().setText(line);
                }
            }
            try (OutputStream os = Files.newOutputStream(OUT.resolve(out))) { ppt.write(os); }
        }
    }

    // ---------------------------------------------------------------- XLSX (POI)
    static void xlsx(String out) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s1 = wb.createSheet("2024年分区域销售额");
            Object[][] sales = {
                {"区域", "第一季度（万元）", "第二季度（万元）", "第三季度（万元）", "第四季度（万元）", "全年合计（万元）", "区域负责人"},
                {"华东区", 1520, 1684, 1386, 2105, 6695, "王海峰"},
                {"华南区", 1102, 1215, 1330, 1568, 5215, "李嘉欣"},
                {"华北区", 876, 942, 1018, 1257, 4093, "张立新"},
                {"西南区", 498, 563, 641, 795, 2497, "孙浩然"},
            };
            fill(s1, sales);
            Sheet s2 = wb.createSheet("2024年产品销量");
            Object[][] units = {
                {"产品型号", "产品名称", "全年销量（台）", "平均售价（元）", "上市时间"},
                {"YF-S1", "云帆小智 S1", 86000, 299, "2020年9月"},
                {"YF-S2", "云帆小智 S2", 214500, 399, "2023年11月"},
                {"YF-M1", "云帆小智 Mini", 132800, 169, "2022年5月"},
            };
            fill(s2, units);
            try (OutputStream os = Files.newOutputStream(OUT.resolve(out))) { wb.write(os); }
        }
    }

    static void fill(Sheet s, Object[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            Row row = s.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                Cell cell = row.createCell(c);
                if (rows[r][c] instanceof Integer i) cell.setCellValue(i);
                else cell.setCellValue((String) rows[r][c]);
            }
        }
        for (int c = 0; c < rows[0].length; c++) s.setColumnWidth(c, 18 * 256);
    }

    // ---------------------------------------------------------------- zip helpers (ODT, EPUB)
    static void put(ZipOutputStream z, String name, String content, boolean stored) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        ZipEntry e = new ZipEntry(name);
        e.setTime(ZIP_TIME);
        if (stored) {
            e.setMethod(ZipEntry.STORED);
            e.setSize(b.length);
            CRC32 crc = new CRC32();
            crc.update(b);
            e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        z.write(b);
        z.closeEntry();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---------------------------------------------------------------- ODT (hand-written OpenDocument)
    static void odt(String src, String out) throws Exception {
        StringBuilder body = new StringBuilder();
        for (String l : lines(src)) {
            if (l.isBlank()) continue;
            int lv = level(l);
            if (lv > 0) body.append("<text:h text:outline-level=\"").append(lv).append("\">").append(xml(strip(l))).append("</text:h>\n");
            else body.append("<text:p>").append(xml(l)).append("</text:p>\n");
        }
        String content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
              xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
            <office:body><office:text>
            """ + body + "</office:text></office:body></office:document-content>\n";
        String meta = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
              xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
            <office:meta><dc:title>Remote Work Policy</dc:title><dc:language>en</dc:language></office:meta>
            </office:document-meta>
            """;
        String manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
             <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
             <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
             <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
            </manifest:manifest>
            """;
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(OUT.resolve(out)))) {
            put(z, "mimetype", "application/vnd.oasis.opendocument.text", true);
            put(z, "META-INF/manifest.xml", manifest, false);
            put(z, "meta.xml", meta, false);
            put(z, "content.xml", content, false);
        }
    }

    // ---------------------------------------------------------------- RTF (hand-written, \\uN? escapes)
    static void rtf(String src, String out) throws Exception {
        StringBuilder sb = new StringBuilder("{\\rtf1\\ansi\\ansicpg936\\deff0\\uc1\n{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n"
                + "{\\info{\\title \\u20113?\\u24070?\\u21457?\\u23637?\\u21382?\\u31243?}}\n");
        for (String l : lines(src)) {
            if (l.isBlank()) continue;
            int lv = level(l);
            String t = rtfEscape(strip(l));
            if (lv > 0) sb.append("{\\pard\\b\\fs").append(lv == 1 ? 36 : 28).append(' ').append(t).append("\\par}\n");
            else sb.append("{\\pard\\fs22 ").append(t).append("\\par}\n");
        }
        sb.append("}\n");
        Files.writeString(OUT.resolve(out), sb.toString(), StandardCharsets.US_ASCII);
    }

    static String rtfEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '{' || c == '}') b.append('\\').append(c);
            else if (c < 128) b.append(c);
            else b.append("\\u").append((int) (short) c).append('?');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- EPUB 2 (hand-written): "## " starts a chapter
    static void epub(String src, String out) throws Exception {
        String title = null;
        List<String[]> chapters = new ArrayList<>(); // {heading, xhtml body}
        StringBuilder cur = null;
        for (String l : lines(src)) {
            if (l.isBlank()) continue;
            int lv = level(l);
            if (lv == 1) { title = strip(l); continue; }
            if (lv == 2) { cur = new StringBuilder(); chapters.add(new String[]{strip(l), null}); }
            if (lv == 2) continue;
            cur.append("<p>").append(xml(l)).append("</p>\n");
            chapters.get(chapters.size() - 1)[1] = cur.toString();
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(OUT.resolve(out)))) {
            put(z, "mimetype", "application/epub+zip", true);
            put(z, "META-INF/container.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
                </container>
                """, false);
            StringBuilder items = new StringBuilder(), spine = new StringBuilder(), nav = new StringBuilder();
            for (int i = 0; i < chapters.size(); i++) {
                String id = "ch" + (i + 1);
                items.append("    <item id=\"").append(id).append("\" href=\"").append(id).append(".xhtml\" media-type=\"application/xhtml+xml\"/>\n");
                spine.append("    <itemref idref=\"").append(id).append("\"/>\n");
                nav.append("    <navPoint id=\"").append(id).append("\" playOrder=\"").append(i + 1).append("\"><navLabel><text>")
                   .append(xml(chapters.get(i)[0])).append("</text></navLabel><content src=\"").append(id).append(".xhtml\"/></navPoint>\n");
                String h = (i == 0 ? "<h1>" + xml(title) + "</h1>\n" : "") + "<h2>" + xml(chapters.get(i)[0]) + "</h2>\n";
                put(z, "OEBPS/" + id + ".xhtml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
                    <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh-CN">
                    <head><title>%s</title></head>
                    <body>
                    %s%s</body>
                    </html>
                    """.formatted(xml(chapters.get(i)[0]), h, chapters.get(i)[1]), false);
            }
            put(z, "OEBPS/content.opf", """
                <?xml version="1.0" encoding="UTF-8"?>
                <package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="bookid">
                  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                    <dc:title>%s</dc:title>
                    <dc:language>zh-CN</dc:language>
                    <dc:identifier id="bookid">urn:uuid:6f1c2a4e-0b7d-4d5e-9a3b-yunrag-office-guide</dc:identifier>
                    <dc:creator>YunRAG sample corpus</dc:creator>
                  </metadata>
                  <manifest>
                    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
                %s  </manifest>
                  <spine toc="ncx">
                %s  </spine>
                </package>
                """.formatted(xml(title), items, spine), false);
            put(z, "OEBPS/toc.ncx", """
                <?xml version="1.0" encoding="UTF-8"?>
                <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
                  <head><meta name="dtb:uid" content="urn:uuid:6f1c2a4e-0b7d-4d5e-9a3b-yunrag-office-guide"/></head>
                  <docTitle><text>%s</text></docTitle>
                  <navMap>
                %s  </navMap>
                </ncx>
                """.formatted(xml(title), nav), false);
        }
    }
}
