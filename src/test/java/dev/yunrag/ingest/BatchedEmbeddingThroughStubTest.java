package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.bench.LatencyEmbeddingServer;
import dev.yunrag.embed.Embedder;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.yunwang.AuthScheme;
import dev.yunrag.yunwang.YunwangEmbeddingModel;
import dev.yunrag.yunwang.YunwangEndpoint;
import dev.yunrag.yunwang.YunwangHttp;
import dev.yunrag.yunwang.YunwangStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File ingestion through the real 云网 embedding client against a local stub of the wire format: short files share
 * full-batch calls, several calls run at once, documents are still written in order with their own vectors, and a
 * document the endpoint refuses fails alone.
 */
class BatchedEmbeddingThroughStubTest {

    private static final int DIMENSION = 64;
    private static final int FILES = 24;
    private static final String POISON = "【嵌入故障】";
    private static final Pattern FILE_NUMBER = Pattern.compile("第(\\d+)号");

    @TempDir
    Path tmp;

    private Path folder;
    private LuceneCollections store;
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final IngestProgress progress = new IngestProgress() {
        @Override
        public void fileDone(String source, long bytes, int chunks) {
            written.add(source + (chunks > 0 ? "" : " (none)"));
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        folder = tmp.resolve("notes");
        Files.createDirectories(folder);
        store = new LuceneCollections(tmp.resolve("data"));
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
    }

    @Test
    void documentsAreWrittenInOrderWithTheirOwnVectorsWhileSeveralCallsAreInFlight() throws IOException {
        writeNotes(FILES, -1);
        try (YunwangStub stub = new YunwangStub()) {
            // given: a stub that answers the calls of even-numbered batches slowly, so later calls finish first
            stub.embeddingFunction(text -> {
                int file = fileNumber(text);
                if ((file / 4) % 2 == 0) {
                    sleep(40);
                }
                return oneHot(file);
            });
            IngestionPipeline pipeline = pipeline(stub.baseUrl());

            // when: 24 one-chunk files are ingested in calls of 4 texts, 4 calls in flight
            IngestReport report = pipeline.ingest(List.of(folder), new IngestOptions("c", null, false, false),
                    progress);

            // then: one request per 4 files, several at once
            assertThat(report.failed()).isEmpty();
            assertThat(report.added()).isEqualTo(FILES);
            assertThat(stub.received(YunwangStub.EMBEDDINGS)).hasSize(FILES / 4)
                    .allSatisfy(request -> assertThat(request.json().get("input").size()).isEqualTo(4));
            assertThat(stub.maxInFlight()).isGreaterThan(1);
            // and the files were written in the order they were walked, each found by its own vector
            assertThat(written).containsExactlyElementsOf(IntStream.range(0, FILES).mapToObj(this::source).toList());
            ChunkIndex index = store.find("c").orElseThrow();
            for (int file = 0; file < FILES; file++) {
                float[] query = toFloats(oneHot(file));
                assertThat(index.searchVector(query, 1, SearchFilter.NONE).getFirst().source())
                        .isEqualTo(source(file));
            }
        }
    }

    @Test
    void aDocumentTheEndpointRefusesFailsAloneAndTheOthersAreWritten() throws IOException {
        // given: file 9 holds a text that makes the stub drop the connection
        writeNotes(FILES, 9);
        try (YunwangStub stub = new YunwangStub()) {
            stub.responseDelay(20);
            stub.embeddingFunction(text -> {
                if (text.contains(POISON)) {
                    throw new IllegalStateException("the stub's model fails on this text");
                }
                return oneHot(fileNumber(text));
            });

            // when
            IngestReport report = pipeline(stub.baseUrl()).ingest(List.of(folder),
                    new IngestOptions("c", null, false, false), progress);

            // then: only file 9 failed, with the endpoint named in its reason; its call-mates 8, 10, 11 were written
            assertThat(report.failed()).singleElement().satisfies(failure -> {
                assertThat(failure.source()).isEqualTo(source(9));
                assertThat(failure.reason()).contains("embedding");
            });
            assertThat(report.added()).isEqualTo(FILES - 1);
            assertThat(store.find("c").orElseThrow().documents()).hasSize(FILES - 1);
            // and the order of outcomes is still the walk order
            assertThat(written).containsExactlyElementsOf(IntStream.range(0, FILES)
                    .mapToObj(file -> source(file) + (file == 9 ? " (none)" : "")).toList());
        }
    }

    @Test
    void aFolderOfManySmallFilesIsEmbeddedInFewFullBatchRequests() throws IOException {
        // given: 40 one-chunk files, the client's 16 texts per request and the pipeline's 16 per call
        writeNotes(40, -1);
        try (LatencyEmbeddingServer server = new LatencyEmbeddingServer(5, 4, DIMENSION)) {
            YunwangEmbeddingModel remote = new YunwangEmbeddingModel(new YunwangHttp(endpoint(server.baseUrl()
                    .toString())), "bge-large-zh-v1.5", DIMENSION, 16, "", text -> text);
            IngestionPipeline pipeline = TestPipelines.pipeline(store, new Embedder("remote", DIMENSION, "", remote),
                    16, Duration.ofSeconds(15));

            // when
            IngestReport report = pipeline.ingest(List.of(folder), new IngestOptions("c", null, false, false),
                    IngestProgress.NONE);

            // then: 16 + 16 + 8 texts in three requests, not one request per file
            assertThat(report.added()).isEqualTo(40);
            assertThat(report.chunks()).isEqualTo(40);
            assertThat(server.texts()).isEqualTo(40);
            assertThat(server.requests()).isEqualTo(3);
        }
    }

    private IngestionPipeline pipeline(String baseUrl) {
        YunwangEmbeddingModel remote = new YunwangEmbeddingModel(new YunwangHttp(endpoint(baseUrl)),
                "bge-large-zh-v1.5", DIMENSION, 4, "", text -> text);
        // four calls in flight is the default: the stub sees them overlap
        return TestPipelines.pipeline(store, new Embedder("remote", DIMENSION, "", remote), 4,
                Duration.ofSeconds(15));
    }

    private static YunwangEndpoint endpoint(String baseUrl) {
        return YunwangEndpoint.of("embedding", baseUrl, null, AuthScheme.BEARER)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withRetries(1, Duration.ofMillis(10))
                .withMaxConcurrency(4);
    }

    /** One short file per number, each a single chunk naming its number; {@code poisoned} carries the poison. */
    private void writeNotes(int count, int poisoned) throws IOException {
        for (int file = 0; file < count; file++) {
            String text = "第" + file + "号通知：会议室在" + (file % 7 + 1) + "楼，请准时参加。"
                    + (file == poisoned ? POISON : "") + "\n";
            Files.writeString(folder.resolve(String.format("note-%02d.txt", file)), text, StandardCharsets.UTF_8);
        }
    }

    private String source(int file) {
        return String.format("notes/note-%02d.txt", file);
    }

    private static int fileNumber(String text) {
        Matcher m = FILE_NUMBER.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no file number in " + text);
        }
        return Integer.parseInt(m.group(1));
    }

    private static double[] oneHot(int file) {
        double[] vector = new double[DIMENSION];
        vector[file % DIMENSION] = 1;
        return vector;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
