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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small DOCX whose document.xml inflates to a hundred million characters is refused while it streams, not after a
 * whole document tree of it was built in memory (issue 18, finding 2: a 294 KB DOCX took the server from 475 MB to
 * 3.33 GB before it was refused as a bomb). Memory is observed as the bytes the parse thread allocated.
 */
class DocxBombStreamingTest {

    private static final int PARAGRAPHS = 1_000;
    private static final int CHARS_PER_PARAGRAPH = 100_000;
    /** yunrag.ingest.max-text-chars for this test: a twentieth of what the bomb inflates to. */
    private static final int MAX_TEXT_CHARS = 5_000_000;

    @TempDir
    Path dir;

    @Test
    void aDocxBombIsRefusedWhileItInflatesWithMemoryBoundedByTheLimitNotByTheBomb() throws Exception {
        Set<Long> otherParsersThreads = parseThreadAllocations().keySet(); // e.g. abandoned parses of earlier tests
        // The ZIP's directory would refuse these bombs before inflating (ZipBombFromDirectoryTest); declared sizes can
        // lie, so the limits that hold while the XML streams are tested here with the directory check opened wide.
        TikaDocumentParser parser = new TikaDocumentParser(50_000_000, Duration.ofSeconds(60), MAX_TEXT_CHARS,
                ImageReading.off(null), new ZipExpansionLimits(Long.MAX_VALUE, Integer.MAX_VALUE));
        // a first parse loads Tika and POI, whose one-time allocations are not the bomb's
        assertThat(parser.parse(bombDocx(dir.resolve("small.docx"), 3), "small.docx").text()).startsWith("aaa");

        long bomb = refusedAllocating(parser, PARAGRAPHS, otherParsersThreads);
        long threeTimesTheBomb = refusedAllocating(parser, 3 * PARAGRAPHS, otherParsersThreads);

        // Streamed, the parse stops at the text limit whatever the bomb inflates to; a document tree built first
        // (POI's XWPF, Tika's default for DOCX) costs in proportion to the inflated size, three times as much here.
        System.out.printf("DOCX-BOMB %d MB allocated for %d chars inflated, %d MB for %d chars%n", bomb >> 20,
                (long) PARAGRAPHS * CHARS_PER_PARAGRAPH, threeTimesTheBomb >> 20,
                3L * PARAGRAPHS * CHARS_PER_PARAGRAPH);
        assertThat(threeTimesTheBomb).isLessThan(bomb * 3 / 2);
    }

    private long refusedAllocating(TikaDocumentParser parser, int paragraphs, Set<Long> otherParsersThreads)
            throws IOException {
        Path bomb = bombDocx(dir.resolve("bomb-" + paragraphs + ".docx"), paragraphs);
        assertThat(Files.size(bomb)).isLessThan((long) paragraphs * CHARS_PER_PARAGRAPH / 200);
        Map<Long, Long> before = parseThreadAllocations();
        assertThatThrownBy(() -> parser.parse(bomb, "bomb.docx"))
                .isInstanceOf(IngestFailure.class)
                .hasMessageMatching("suspected zip bomb: .*|text exceeds the limit of " + MAX_TEXT_CHARS + " .*");
        return allocatedSince(before, otherParsersThreads);
    }

    /**
     * Bytes allocated so far by each live parse thread ("yunrag-parse-N", see {@link ParseTimeLimiter}), by thread id:
     * the parse runs there, and counting only those threads keeps other tests' background work out of the figure.
     */
    private static Map<Long, Long> parseThreadAllocations() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, Long> allocations = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("yunrag-parse-")) {
                allocations.put(thread.threadId(), Math.max(0, threads.getThreadAllocatedBytes(thread.threadId())));
            }
        }
        return allocations;
    }

    private static long allocatedSince(Map<Long, Long> before, Set<Long> excluded) {
        long total = 0;
        for (Map.Entry<Long, Long> now : parseThreadAllocations().entrySet()) {
            if (!excluded.contains(now.getKey())) {
                total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
            }
        }
        return total;
    }

    /** A minimal valid DOCX of many long paragraphs of one letter, written without building it in memory. */
    static Path bombDocx(Path target, int paragraphs) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/word/document.xml" \
                    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Target="word/document.xml" \
                    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>\
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            Writer xml = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
            xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w="
                    + "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
            String paragraph = "<w:p><w:r><w:t>" + "a".repeat(CHARS_PER_PARAGRAPH) + "</w:t></w:r></w:p>";
            for (int i = 0; i < paragraphs; i++) {
                xml.write(paragraph);
            }
            xml.write("</w:body></w:document>");
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
