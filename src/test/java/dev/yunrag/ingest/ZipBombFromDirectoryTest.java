package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.ingest.image.ImageReading;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 2 ("zip-bomb protection runs after extraction"), for the ZIP formats besides DOCX: an XLSX or ODT
 * whose one XML part expands a thousand times is refused from the ZIP's central directory, before anything is
 * inflated; entries that together declare too much are refused the same way; and a part whose declared size lies is
 * still stopped while it streams.
 */
class ZipBombFromDirectoryTest {

    private static final int ROWS = 1_500;
    private static final int CHARS_PER_ROW = 100_000; // 150 MB of text in all

    @TempDir
    Path dir;

    private final TikaDocumentParser parser = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 5_000_000);

    @Test
    void aGeneratedXlsxParsesAndItsBombIsRefusedFromTheDirectory() throws Exception {
        assertThat(parser.parse(xlsx(dir.resolve("small.xlsx"), 2, 10), "small.xlsx").text()).contains("aaaaaaaaaa");

        Path bomb = xlsx(dir.resolve("bomb.xlsx"), ROWS, CHARS_PER_ROW);
        assertRefusedBeforeInflating(bomb, "suspected zip bomb: xl/worksheets/sheet1.xml expands \\d{3,} times .*");
    }

    @Test
    void aGeneratedOdtParsesAndItsBombIsRefusedFromTheDirectory() throws Exception {
        assertThat(parser.parse(odt(dir.resolve("small.odt"), 2, 10), "small.odt").text()).contains("aaaaaaaaaa");

        Path bomb = odt(dir.resolve("bomb.odt"), ROWS, CHARS_PER_ROW);
        assertRefusedBeforeInflating(bomb, "suspected zip bomb: content.xml expands \\d{3,} times .*");
    }

    @Test
    void theDocxBombOfTheFindingIsRefusedFromTheDirectory() throws Exception {
        Path bomb = DocxBombStreamingTest.bombDocx(dir.resolve("bomb.docx"), ROWS);
        assertRefusedBeforeInflating(bomb, "suspected zip bomb: word/document.xml expands \\d{3,} times .*");
    }

    @Test
    void entriesOverTheExpandedLimitOneOrTogetherAreRefused() throws Exception {
        TikaDocumentParser strict = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), 5_000_000,
                ImageReading.off(null), new ZipExpansionLimits(20L << 20, 100_000));
        Path big = odt(dir.resolve("big.odt"), 300, CHARS_PER_ROW); // one 30 MB part
        assertThatThrownBy(() -> strict.parse(big, "big.odt")).isInstanceOf(IngestFailure.class)
                .hasMessageStartingWith("suspected zip bomb: content.xml declares 29 MB, over the limit of 20 MB");

        Path twoParts = dir.resolve("two.zip"); // 15 MB + 15 MB
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(twoParts))) {
            for (String name : new String[] {"one.txt", "two.txt"}) {
                zip.putNextEntry(new ZipEntry(name));
                byte[] row = "a".repeat(CHARS_PER_ROW).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 150; i++) {
                    zip.write(row);
                }
                zip.closeEntry();
            }
        }
        assertThatThrownBy(() -> strict.parse(twoParts, "two.zip")).isInstanceOf(IngestFailure.class)
                .hasMessageStartingWith("suspected zip bomb: entries declare over 20 MB in all");
    }

    @Test
    void aPartWhoseDeclaredSizeLiesIsStillStoppedWhileItStreams() throws Exception {
        Path liar = odt(dir.resolve("liar.odt"), ROWS, CHARS_PER_ROW);
        ZipBombFixtures.declareSize(liar, "content.xml", 1000);
        assertThatThrownBy(() -> parser.parse(liar, "liar.odt")).isInstanceOf(IngestFailure.class)
                .hasMessageMatching("text exceeds the limit of 5000000 .*|suspected zip bomb: .*");
    }

    private void assertRefusedBeforeInflating(Path bomb, String reason) throws IOException {
        assertThat(Files.size(bomb)).isLessThan((long) ROWS * CHARS_PER_ROW / 500);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> parser.parse(bomb, bomb.getFileName().toString()))
                .isInstanceOf(IngestFailure.class).hasMessageMatching(reason);
        // refused on the calling thread before a parse thread was started: what it allocated is all there was
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(8L << 20);
    }

    /** A minimal XLSX of one sheet whose rows each hold one inline string of {@code chars} letters. */
    static Path xlsx(Path target, int rows, int chars) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/xl/workbook.xml" \
                    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    <Override PartName="/xl/worksheets/sheet1.xml" \
                    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Target="xl/workbook.xml" \
                    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>\
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Target="worksheets/sheet1.xml" \
                    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>\
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer xml = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
            xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns="
                    + "\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            String cell = "a".repeat(chars);
            for (int r = 1; r <= rows; r++) {
                xml.write("<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"inlineStr\"><is><t>" + cell
                        + "</t></is></c></row>");
            }
            xml.write("</sheetData></worksheet>");
            xml.flush();
            zip.closeEntry();
        }
        return target;
    }

    /** A minimal ODT (mimetype stored first, manifest, content) of {@code paragraphs} paragraphs of one letter. */
    static Path odt(Path target, int paragraphs, int chars) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry stored = new ZipEntry("mimetype");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            stored.setCrc(crc.getValue());
            zip.putNextEntry(stored);
            zip.write(mimetype);
            zip.closeEntry();
            entry(zip, "META-INF/manifest.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
                    manifest:version="1.2">\
                    <manifest:file-entry manifest:full-path="/" \
                    manifest:media-type="application/vnd.oasis.opendocument.text"/>\
                    <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
                    </manifest:manifest>""");
            zip.putNextEntry(new ZipEntry("content.xml"));
            Writer xml = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
            xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content "
                    + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                    + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                    + "<office:body><office:text>");
            String paragraph = "<text:p>" + "a".repeat(chars) + "</text:p>";
            for (int i = 0; i < paragraphs; i++) {
                xml.write(paragraph);
            }
            xml.write("</office:text></office:body></office:document-content>");
            xml.flush();
            zip.closeEntry();
        }
        return target;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
