package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.lucene.LuceneCollections;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents nested far deeper than any real one (elements, tables, zip in zip, RTF groups, Markdown quotes, JSON
 * arrays), the shapes that make recursive parsers overflow their stack: each must end ingested or failed with a
 * reason, in one batch that is not ended by a StackOverflowError, and the index must stay sound.
 */
class DeeplyNestedDocumentsTest {

    private static final String WORDS = "深层嵌套的文本仍然可以检索。";

    @TempDir
    Path tmp;

    @Test
    void deeplyNestedFilesEndIngestedOrFailedWithAReason() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("deep.html"), "<html><body>" + "<div>".repeat(20_000) + WORDS
                + "</div>".repeat(20_000) + "</body></html>");
        Files.writeString(in.resolve("deep.xml"), "<?xml version=\"1.0\"?>" + "<a>".repeat(100_000) + WORDS
                + "</a>".repeat(100_000));
        Files.writeString(in.resolve("deep.rtf"), "{\\rtf1\\ansi " + "{".repeat(100_000) + "deep text"
                + "}".repeat(100_000) + "}");
        Files.writeString(in.resolve("deep.md"), "# 深\n\n" + "> ".repeat(100_000) + WORDS + "\n"
                + "- ".repeat(50_000) + WORDS + "\n");
        Files.writeString(in.resolve("deep.json"), "[".repeat(100_000) + "\"" + WORDS + "\"" + "]".repeat(100_000));
        Files.write(in.resolve("nested-tables.docx"), docxWithNestedTables(3_000));
        Files.write(in.resolve("zip-in-zip.zip"), zipInZip(40));
        Files.write(in.resolve("zip-in-docx.docx"), docxHoldingZipInZip(20));

        Path dataDir = tmp.resolve("data");
        IngestReport report;
        TikaDocumentParser parser = ParserFuzzTest.warmParser();
        try (LuceneCollections store = new LuceneCollections(dataDir)) {
            IngestionPipeline pipeline = TestPipelines.pipeline(store, new TestPipelines.CountingEmbeddingModel(),
                    Duration.ofSeconds(2), parser);
            report = pipeline.ingest(List.of(in), new IngestOptions("nested", null, false, false),
                    IngestProgress.NONE);
            Map<String, String> outcomes = new TreeMap<>(report.failed().stream()
                    .collect(Collectors.toMap(IngestReport.Failure::source, IngestReport.Failure::reason)));
            store.find("nested").orElseThrow().documents().forEach(d -> outcomes.put(d.source(), "ingested"));
            System.out.println("deeply nested: " + outcomes);

            assertThat(outcomes).hasSize(8);
            assertThat(report.failed()).allSatisfy(f -> assertThat(f.reason()).as(f.source())
                    .isNotBlank().doesNotContain("\n").doesNotContain("StackOverflowError"));
            // Markdown and JSON are read as text by our own code, which must not recurse
            assertThat(outcomes).containsEntry("in/deep.md", "ingested").containsEntry("in/deep.json", "ingested");
            // the JDK's XML parser stops at 100 levels, and the reason says so in words
            assertThat(outcomes.get("in/deep.xml")).startsWith("nested too deeply (over 100 levels");
            assertThat(outcomes.get("in/nested-tables.docx")).startsWith("nested too deeply (over 100 levels");
            // Tika's RTF parser drops text beyond its group depth; no "scanned PDF" guess for an RTF
            assertThat(outcomes.get("in/deep.rtf")).isIn("ingested", "no extractable text");
            // jsoup builds 100 000 nested elements slowly: read, or given up at the parse timeout
            assertThat(outcomes.get("in/deep.html")).isIn("ingested", "parse timed out after 5 s");
        }
        ParserFuzzTest.awaitAbandonedParses(parser,
                (int) report.failed().stream().filter(f -> f.reason().startsWith("parse timed out")).count());
        IndexSoundness.assertSound(dataDir, "nested");
    }

    /** A DOCX whose body is a table in a cell of a table ... {@code depth} times, with text in the innermost cell. */
    private static byte[] docxWithNestedTables(int depth) throws IOException {
        StringBuilder body = new StringBuilder();
        body.append("<w:tbl><w:tr><w:tc>".repeat(depth));
        body.append("<w:p><w:r><w:t>").append(WORDS).append("</w:t></w:r></w:p>");
        body.append("<w:p/></w:tc></w:tr></w:tbl>".repeat(depth));
        return docx("<w:p><w:r><w:t>" + WORDS + "</w:t></w:r></w:p>" + body);
    }

    private static byte[] docx(String body) throws IOException {
        return zip(Map.of(
                "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas"
                        + ".openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType="
                        + "\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                        + "ContentType=\"application/xml\"/><Default Extension=\"zip\" ContentType=\"application/zip\"/>"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
                        + "officedocument.wordprocessingml.document.main+xml\"/></Types>",
                "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas"
                        + ".openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
                        + "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target="
                        + "\"word/document.xml\"/></Relationships>",
                "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas"
                        + ".openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + body
                        + "</w:body></w:document>").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8))));
    }

    /** A DOCX that also carries an embedded zip nested {@code depth} deep (embedded documents are parsed too). */
    private static byte[] docxHoldingZipInZip(int depth) throws IOException {
        byte[] plain = docx("<w:p><w:r><w:t>" + WORDS + "</w:t></w:r></w:p>");
        Map<String, byte[]> entries = new TreeMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(plain))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        entries.put("word/embeddings/package.zip", zipInZip(depth));
        return zip(entries);
    }

    /** A text file in a zip in a zip ... {@code depth} levels. */
    private static byte[] zipInZip(int depth) throws IOException {
        byte[] inner = zip(Map.of("deep.txt", WORDS.getBytes(StandardCharsets.UTF_8)));
        for (int i = 1; i < depth; i++) {
            inner = zip(Map.of("level-" + i + ".zip", inner));
        }
        return inner;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
