package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.LuceneCollections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestionPipelineTest {

    @TempDir
    Path tmp;

    private Path corpus;
    private LuceneCollections store;
    private TestPipelines.CountingEmbeddingModel model;
    private IngestionPipeline pipeline;

    @BeforeEach
    void setUp() throws IOException {
        corpus = tmp.resolve("corpus");
        copyTree(TestPipelines.sampleCorpus(), corpus);
        store = new LuceneCollections(tmp.resolve("data"));
        model = new TestPipelines.CountingEmbeddingModel();
        pipeline = TestPipelines.pipeline(store, model, Duration.ofSeconds(15));
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
    }

    private IngestReport ingest(boolean prune, boolean reindex, Path... roots) {
        return pipeline.ingest(List.of(roots), new IngestOptions("c", null, prune, reindex), IngestProgress.NONE);
    }

    @Test
    void ingestsTheSampleCorpusAndSkipsIgnoredFiles() {
        IngestReport report = ingest(false, false, corpus);

        assertThat(report.failed()).isEmpty();
        assertThat(report.added()).isEqualTo(11);
        assertThat(report.documents()).isEqualTo(11);
        assertThat(report.chunks()).isEqualTo(report.embedded()).isGreaterThan(11);
        ChunkIndex index = store.find("c").orElseThrow();
        assertThat(index.documents()).extracting(IndexedDocument::source)
                .contains("corpus/employee-handbook.pdf", "corpus/meeting-minutes-2025-03.gbk.txt")
                .noneMatch(source -> source.contains("questions.jsonl") || source.contains("/src/"));
        assertThat(index.searchBm25("产假", 3, SearchFilter.NONE).getFirst().source())
                .isEqualTo("corpus/employee-handbook.pdf");
    }

    @Test
    void aSecondRunOnUnchangedFilesDoesNoEmbeddingWork() {
        ingest(false, false, corpus);
        int embeddedBefore = model.embedded.get();

        IngestReport second = ingest(false, false, corpus);

        assertThat(second.unchanged()).isEqualTo(11);
        assertThat(second.added() + second.updated()).isZero();
        assertThat(second.embedded()).isZero();
        assertThat(model.embedded.get()).isEqualTo(embeddedBefore);
    }

    @Test
    void aChangedFileIsReplacedAndOnlyItIsReembedded() throws IOException {
        ingest(false, false, corpus);
        Path md = corpus.resolve("travel-expense-policy.md");
        Files.writeString(md, Files.readString(md) + "\n\n## 新增条款\n\n自2026年起，高铁二等座可全额报销。\n");
        int embeddedBefore = model.embedded.get();

        IngestReport report = ingest(false, false, corpus);

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(10);
        assertThat(model.embedded.get() - embeddedBefore).isEqualTo(report.embedded()).isPositive();
        ChunkIndex index = store.find("c").orElseThrow();
        assertThat(index.searchBm25("高铁二等座全额报销", 1, SearchFilter.NONE).getFirst().text()).contains("高铁二等座");
        assertThat(index.documents()).hasSize(11);
    }

    @Test
    void pruneDeletesDocumentsWhoseFilesAreGoneAndOnlyWithPrune() throws IOException {
        ingest(false, false, corpus);
        Files.delete(corpus.resolve("sales-2024.xlsx"));

        IngestReport withoutPrune = ingest(false, false, corpus);
        assertThat(withoutPrune.deleted()).isZero();
        assertThat(withoutPrune.documents()).isEqualTo(11);

        IngestReport pruned = ingest(true, false, corpus);
        assertThat(pruned.deleted()).isEqualTo(1);
        assertThat(pruned.documents()).isEqualTo(10);
        assertThat(store.find("c").orElseThrow().documents()).extracting(IndexedDocument::source)
                .doesNotContain("corpus/sales-2024.xlsx");
    }

    @Test
    void badInputIsReportedPerFileAndTheBatchGoesOn() throws IOException {
        ingest(false, false, corpus);
        Path bad = tmp.resolve("bad");
        copyTree(Path.of("src/test/resources/bad-input"), bad);
        Files.delete(bad.resolve("README.md"));
        Files.writeString(bad.resolve("good.txt"), "这是一份正常的文件，讲的是停车场在地下二层。", StandardCharsets.UTF_8);

        IngestReport report = ingest(false, false, corpus, bad, tmp.resolve("missing-dir"));

        assertThat(report.added()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(11);
        assertThat(report.failed()).extracting(f -> f.source().replace(tmp.toString() + "/", ""))
                .containsExactlyInAnyOrder("missing-dir", "bad/corrupt.pdf", "bad/empty.txt", "bad/encrypted.pdf",
                "bad/image.png", "bad/random.docx", "bad/scanned.pdf", "bad/unsupported.bin", "bad/zipbomb.docx");
        assertThat(reason(report, "bad/encrypted.pdf")).contains("encrypted");
        assertThat(reason(report, "bad/scanned.pdf")).contains("no extractable text");
        assertThat(reason(report, "bad/empty.txt")).contains("empty");
        assertThat(reason(report, "bad/zipbomb.docx")).contains("zip bomb");
        assertThat(reason(report, "bad/unsupported.bin")).contains("unsupported");
        assertThat(reason(report, tmp.resolve("missing-dir").toString())).contains("no such file");
        assertThat(report.failed()).allSatisfy(f -> assertThat(f.reason()).doesNotContain("Exception:").hasSizeLessThan(300));
        assertThat(report.documents()).isEqualTo(12);
    }

    @Test
    void aFileThatTurnsCorruptKeepsItsLastGoodVersion() throws IOException {
        ingest(false, false, corpus);
        Files.copy(Path.of("src/test/resources/bad-input/random.docx"), corpus.resolve("it-security-policy.docx"),
                StandardCopyOption.REPLACE_EXISTING);

        IngestReport report = ingest(false, false, corpus);

        assertThat(report.failed()).extracting(IngestReport.Failure::source).containsExactly("corpus/it-security-policy.docx");
        ChunkIndex index = store.find("c").orElseThrow();
        assertThat(index.documents()).extracting(IndexedDocument::source).contains("corpus/it-security-policy.docx");
        assertThat(index.searchBm25("密码", 5, SearchFilter.NONE))
                .anySatisfy(hit -> assertThat(hit.source()).isEqualTo("corpus/it-security-policy.docx"));
    }

    @Test
    void anotherEmbeddingModelIsRefusedUntilReindex() {
        ingest(false, false, corpus);

        assertThatThrownBy(() -> pipeline.ingest(List.of(corpus), new IngestOptions("c", "bge-small-zh-v15", false,
                false), IngestProgress.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hashing").hasMessageContaining("--reindex");
    }

    @Test
    void aFileReachedUnderAnotherNameIsReindexedUnderThatName() {
        ingest(false, false, corpus);

        IngestReport single = ingest(false, false, corpus.resolve("sales-2024.xlsx"));

        assertThat(single.updated()).isEqualTo(1);
        assertThat(single.documents()).isEqualTo(11);
        assertThat(store.find("c").orElseThrow().documents()).extracting(IndexedDocument::source)
                .contains("sales-2024.xlsx").doesNotContain("corpus/sales-2024.xlsx");
    }

    @Test
    void reindexRebuildsEverything() {
        IngestReport first = ingest(false, false, corpus);

        IngestReport again = ingest(false, true, corpus);

        assertThat(again.added()).isEqualTo(11);
        assertThat(again.embedded()).isEqualTo(first.embedded());
        assertThat(again.chunks()).isEqualTo(first.chunks());
    }

    private static String reason(IngestReport report, String source) {
        return report.failed().stream().filter(f -> f.source().equals(source)).findFirst().orElseThrow().reason();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
