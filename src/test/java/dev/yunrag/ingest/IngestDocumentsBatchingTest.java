package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.yunrag.embed.VectorMath;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ParsedDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short documents are embedded together (one call for several documents), and each keeps its own vectors. */
class IngestDocumentsBatchingTest {

    @TempDir
    Path tmp;

    /** Records the size of each embedAll call. */
    static final class CallSizes extends dev.yunrag.embed.HashingEmbeddingModel {
        final List<Integer> calls = new CopyOnWriteArrayList<>();

        CallSizes() {
            super(64);
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            calls.add(segments.size());
            return super.embedAll(segments);
        }
    }

    @Test
    void embedsSeveralShortDocumentsPerCallAndKeepsEachDocumentsVectors() throws Exception {
        CallSizes model = new CallSizes();
        List<IngestionPipeline.IdentifiedDocument> docs = new ArrayList<>();
        String[] topics = {"长城位于中国北方", "故宫是明清两代的皇宫", "西湖在杭州", "黄河是中国第二长河", "熊猫生活在四川",
                "上海是一座港口城市", "泰山在山东省", "丝绸之路连接东西方", "昆明四季如春", "敦煌有莫高窟"};
        for (int i = 0; i < 40; i++) {
            String id = "d" + i;
            docs.add(new IngestionPipeline.IdentifiedDocument(id, new ParsedDocument(id, "标题" + i, "text/plain",
                    topics[i % topics.length] + "，第" + i + "篇。", List.of(), List.of(), Map.of())));
        }
        try (LuceneCollections store = new LuceneCollections(tmp)) {
            // given a pipeline whose embed batch size is 16 (TestPipelines)
            IngestionPipeline pipeline = TestPipelines.pipeline(store, model, Duration.ofSeconds(15));

            // when 40 one-chunk documents are ingested
            IngestReport report = pipeline.ingestDocuments(docs, new IngestOptions("c", null, false, false),
                    IngestProgress.NONE);

            // then they take 3 calls of up to 16 texts, not 40 calls of one
            assertThat(report.added()).isEqualTo(40);
            assertThat(report.chunks()).isEqualTo(40);
            assertThat(model.calls).containsExactly(16, 16, 8);
            // and each chunk is found by its own vector
            ChunkIndex index = store.find("c").orElseThrow();
            for (int i = 0; i < 40; i += 7) {
                ParsedDocument parsed = docs.get(i).document();
                Chunk chunk = new SentenceChunker(new dev.yunrag.embed.BertTokenCounter(), 128, 16)
                        .chunk("d" + i, parsed).getFirst();
                float[] vector = VectorMath.normalized(model.embed(EmbeddingText.of(parsed.title(), chunk)).content()
                        .vector());
                assertThat(index.searchVector(vector, 1, SearchFilter.NONE).getFirst().chunk().documentId())
                        .isEqualTo("d" + i);
            }
        }
    }
}
