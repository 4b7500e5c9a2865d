package dev.yunrag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.testing.SampleCorpus;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The load benchmark against the real HTTP server on loopback, on the embedded default models: clients asking and
 * searching while a client uploads documents into the same collection. No request may fail, the server may not keep
 * more threads after the run than before it, and (in the long run) the heap after GC may not climb. A benchmark, so
 * behind the slow flag ({@code -Dyunrag.slow=true}) with every method: the default suite stays quick.
 */
@QuarkusTest
@Tag("slow")
class LoadBenchmarkTest {

    private static final Logger LOG = Logger.getLogger(LoadBenchmarkTest.class);
    private static final String COLLECTION = "load";

    /** Pool threads come and go with demand (Lucene merges, worker keep-alive); a leak grows by the request. */
    private static final int THREAD_SLACK = 10;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void corpus() throws Exception {
        List<LoopbackClient.Upload> files = new ArrayList<>();
        for (var file : SampleCorpus.documents()) {
            files.add(LoopbackClient.Upload.of(file));
        }
        LoadBenchmark.prepare(base.toString(), COLLECTION, files);
    }

    @Test
    void eightClientsForFiveSecondsWhileUploading() throws Exception {
        LoadBenchmark.Result r = run(8, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(2500));

        assertThat(r.errorSamples()).isEmpty();
        assertThat(r.errors()).isZero();
        assertThat(r.ask().requests()).isPositive();
        assertThat(r.search().requests()).isPositive();
        assertThat(r.upload().requests()).isPositive();
        assertThat(r.threadsAfter()).isLessThanOrEqualTo(r.threadsBefore() + THREAD_SLACK);
    }

    @Test
    void twentyClientsForAMinuteWhileUploading() throws Exception {
        LoadBenchmark.Result r = run(20, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(10));

        assertThat(r.errorSamples()).isEmpty();
        assertThat(r.errors()).isZero();
        assertThat(r.upload().requests()).isGreaterThan(5);
        assertThat(r.threadsAfter()).isLessThanOrEqualTo(r.threadsBefore() + THREAD_SLACK);
        // Flat: the index grows a little with each upload, a leak of one request's worth of objects would not stay
        // this small over thousands of requests.
        assertThat(r.heapLastMb() - r.heapFirstMb()).isLessThan(64);
    }

    private LoadBenchmark.Result run(int clients, Duration duration, Duration warmUp, Duration heapEvery)
            throws Exception {
        List<String> questions = SampleCorpus.questions().stream().map(SampleCorpus.Question::question).toList();
        LoadBenchmark.Result r = LoadBenchmark.run(new LoadBenchmark.Settings(base.toString(), COLLECTION, clients,
                duration, warmUp, Duration.ofSeconds(60), heapEvery, questions));
        LOG.info(LoadBenchmarkRun.describe(r));
        return r;
    }
}
