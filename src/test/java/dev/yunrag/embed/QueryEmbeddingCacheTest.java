package dev.yunrag.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryEmbeddingCacheTest {

    /** Counts the texts it embeds; fails while {@code down} is set. A local model, as the hashing one it wraps. */
    private static final class CountingModel extends HashingEmbeddingModel {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean down;

        CountingModel() {
            super(256);
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (down) {
                throw new IllegalStateException("model down");
            }
            calls.addAndGet(segments.size());
            return super.embedAll(segments);
        }
    }

    private final CountingModel model = new CountingModel();
    private final Embedder embedder = new Embedder("hashing", 256, "", model);

    @Test
    void aRepeatedQuerySkipsTheModelAndGetsTheSameVector() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(8);

        float[] first = cache.embedQuery(embedder, "年假有几天");
        float[] again = cache.embedQuery(embedder, "年假有几天");

        assertThat(model.calls).hasValue(1);
        assertThat(again).containsExactly(embedder.embedQuery("年假有几天"));
        again[0] = 42; // a caller changing its copy does not change what the next caller gets
        assertThat(cache.embedQuery(embedder, "年假有几天")).containsExactly(first);
    }

    @Test
    void anotherEmbedderOrTextIsEmbeddedAfresh() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(8);
        Embedder sameIdOtherModel = new Embedder("hashing", 256, "", new CountingModel());

        cache.embedQuery(embedder, "年假有几天");
        cache.embedQuery(embedder, "病假有几天");
        cache.embedQuery(sameIdOtherModel, "年假有几天");

        assertThat(model.calls).hasValue(2);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void theLeastRecentlyUsedQueryLeavesFirst() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(2);
        cache.embedQuery(embedder, "a");
        cache.embedQuery(embedder, "b");
        cache.embedQuery(embedder, "a"); // a is now the most recent
        cache.embedQuery(embedder, "c"); // b leaves

        cache.embedQuery(embedder, "a");
        assertThat(model.calls).hasValue(3);
        cache.embedQuery(embedder, "b");
        assertThat(model.calls).hasValue(4);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aFailureIsNotCachedAndSizeZeroCachesNothing() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(8);
        model.down = true;
        assertThatThrownBy(() -> cache.embedQuery(embedder, "年假")).hasMessageContaining("model down");
        model.down = false;
        assertThat(cache.embedQuery(embedder, "年假")).hasSize(256);
        assertThat(model.calls).hasValue(1);

        QueryEmbeddingCache off = new QueryEmbeddingCache(0);
        off.embedQuery(embedder, "年假");
        off.embedQuery(embedder, "年假");
        assertThat(model.calls).hasValue(3);
        assertThat(off.size()).isZero();
    }

    @Test
    void aRemoteModelIsAskedEveryTime() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(8);
        AtomicInteger calls = new AtomicInteger();
        EmbeddingModel remote = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                calls.addAndGet(segments.size());
                return new HashingEmbeddingModel(256).embedAll(segments);
            }
        };
        Embedder remoteEmbedder = new Embedder("BAAI/bge-large-zh-v1.5", 256, "", remote);

        cache.embedQuery(remoteEmbedder, "年假");
        cache.embedQuery(remoteEmbedder, "年假");

        assertThat(calls).hasValue(2);
        assertThat(cache.size()).isZero();
    }
}
