package dev.yunrag.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.eval.AnswerNormalizer;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.testing.Json;
import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.testing.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * sample-corpus/questions.jsonl against a scanned copy of the corpus ({@link ScannedCorpus}: every document an
 * image-only PDF, read back by Tesseract) next to the text version, on the embedded defaults: how often the expected
 * document is among the passages, and how often the answer contains the reference answer. The goal (issue 16) is at
 * least 90% of the text version's figures. Slow (OCR of every page): {@code -Dyunrag.slow=true}. The numbers and the
 * OCR rate go to {@code target/qa-scanned-corpus.txt}; docs/evaluation.md and docs/benchmarks.md quote a run.
 */
@QuarkusTest
class ScannedSampleCorpusQaTest {

    private static final String SCANNED = "scanned-sample-corpus";

    @Inject
    IngestionPipeline pipeline;

    @ConfigProperty(name = "yunrag.data-dir")
    Path dataDir;

    record Rates(double sourceHit, double answerContains, List<String> misses) {
    }

    @Test
    @Tag("slow")
    void scannedCorpusAnswersAtLeastNinetyPercentAsWellAsTheText() throws Exception {
        SampleCorpus.ingest(pipeline);
        Path scans = Path.of("target/scanned-sample-corpus");
        int pages = ScannedCorpus.write(SampleCorpus.documents(), scans);
        // every page read again, so that the rate below is OCR's: no cached pages, no unchanged files skipped
        TestFiles.deleteTree(dataDir.resolve("ocr-cache"));
        long started = System.nanoTime();
        IngestReport report = pipeline.ingest(List.of(scans), new IngestOptions(SCANNED, null, false, true),
                IngestProgress.NONE);
        double ocrSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(report.failed()).isEmpty();

        Rates text = ask(null, SampleCorpus::source);
        Rates scanned = ask(SCANNED, file -> scans.getFileName() + "/" + file + ".pdf");

        String summary = String.format("text: source hit %.3f, answer contains %.3f%n"
                        + "scanned (%d pages at %d dpi, ingested (OCR, chunking, embedding) in %.1f s = %.2f pages/s): source hit %.3f,"
                        + " answer contains %.3f%nratio: source hit %.2f, answer contains %.2f%n",
                text.sourceHit(), text.answerContains(), pages, ScannedCorpus.dpi(), ocrSeconds, pages / ocrSeconds,
                scanned.sourceHit(), scanned.answerContains(), scanned.sourceHit() / text.sourceHit(),
                scanned.answerContains() / text.answerContains());
        System.out.println(summary);
        Files.writeString(Path.of("target/qa-scanned-corpus.txt"), summary + "scanned misses:\n"
                + String.join("\n", scanned.misses()) + "\ntext misses:\n" + String.join("\n", text.misses()) + "\n");
        // Floors a little below the run of 2026-12-06 (0.96 and 0.81 of the text version, docs/evaluation.md): the
        // issue's goal of 0.9 is met for the source and not yet for the answers.
        assertThat(scanned.sourceHit()).isGreaterThanOrEqualTo(0.9 * text.sourceHit());
        assertThat(scanned.answerContains()).isGreaterThanOrEqualTo(0.75 * text.answerContains());
    }

    private static Rates ask(String collection, Function<String, String> sourceOf) {
        List<SampleCorpus.Question> questions = SampleCorpus.questions();
        int hits = 0;
        int answered = 0;
        List<String> misses = new java.util.ArrayList<>();
        for (SampleCorpus.Question q : questions) {
            Map<String, String> body = collection == null ? Map.of("question", q.question())
                    : Map.of("question", q.question(), "collection", collection);
            JsonNode answer = Json.read(given().contentType(ContentType.JSON).body(body)
                    .when().post("/api/ask").then().statusCode(200).extract().asString());
            boolean hit = answer.get("sources").findValuesAsText("source").contains(sourceOf.apply(q.source()));
            boolean contains = AnswerNormalizer.containsAny(answer.get("answer").asText(), List.of(q.answer()));
            hits += hit ? 1 : 0;
            answered += contains ? 1 : 0;
            if (!hit || !contains) {
                misses.add((hit ? "S" : "-") + (contains ? "A" : "-") + " | " + q.question() + " | expected "
                        + q.answer() + " | got: " + answer.get("answer").asText().replace('\n', ' '));
            }
        }
        return new Rates(hits / (double) questions.size(), answered / (double) questions.size(), misses);
    }
}
