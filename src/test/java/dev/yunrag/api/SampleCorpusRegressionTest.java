package dev.yunrag.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.RegressionCase;
import dev.yunrag.testing.RegressionCheck;
import dev.yunrag.testing.SampleCorpus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anserini-style regressions of docs/qa-sample-corpus.md: every file of {@code src/test/resources/regressions/} with
 * {@code runner=sample-corpus-qa} holds the published rates of {@link SampleCorpusQaTest}'s measurement on the
 * embedded defaults; this runs that measurement and fails when a rate drops below expected − tolerance (and says so
 * when one rises above expected + tolerance). Behind the slow flag: {@link SampleCorpusQaTest} already guards the
 * default suite with looser floors.
 */
@QuarkusTest
@Tag("slow")
class SampleCorpusRegressionTest {

    static final Path OUT = Path.of("target/regressions");

    @Inject
    IngestionPipeline pipeline;

    /** One measurement serves every case: the settings are the test profile's, the same for all. */
    private static Map<String, Double> measured;
    private static int questions;

    static List<RegressionCase> cases() {
        return RegressionCase.forRunner("sample-corpus-qa");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void publishedRatesHold(RegressionCase regression) throws IOException {
        if (measured == null) {
            SampleCorpus.ingest(pipeline);
            List<SampleCorpus.Question> all = SampleCorpus.questions();
            SampleCorpusQa.Result result = SampleCorpusQa.askAll(all);
            Files.createDirectories(OUT);
            Files.writeString(OUT.resolve("sample-corpus-qa-answers.txt"), result.report());
            measured = result.metrics();
            questions = all.size();
        }
        if (regression.queries() != null) {
            assertThat(questions).as("questions asked").isEqualTo(regression.queries());
        }

        RegressionCheck check = RegressionCheck.of(regression, measured::get);

        Files.writeString(OUT.resolve(regression.name() + ".txt"), check.report());
        System.out.println(check.report());
        assertThat(check.failed()).as("%s", check.report()).isFalse();
    }
}
