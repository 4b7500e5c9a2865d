package dev.yunrag.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.ingest.IngestOptions;
import dev.yunrag.ingest.IngestProgress;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed sample corpus: its documents (without the generator sources) and its questions. */
final class Corpus {

    static final Path ROOT = Path.of("sample-corpus");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of questions.jsonl. */
    record Question(String question, String source, String answer) {
    }

    private Corpus() {
    }

    /** Every document of the corpus: the top-level files except dot files, README.md and questions.jsonl. */
    static List<Path> documents() {
        try (Stream<Path> files = Files.list(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !List.of("README.md", "questions.jsonl").contains(p.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path document(String name) {
        return ROOT.resolve(name);
    }

    static List<Question> questions() {
        try {
            return Files.readAllLines(ROOT.resolve("questions.jsonl")).stream().filter(l -> !l.isBlank()).map(l -> {
                try {
                    JsonNode node = JSON.readTree(l);
                    return new Question(node.path("question").asText(), node.path("source").asText(),
                            node.path("answer").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ingests the corpus folder (its .yunragignore leaves out README, questions and generator sources) into the
     * profile's default collection; unchanged files are skipped on later calls.
     */
    static IngestReport ensureIngested(IngestionPipeline pipeline) {
        return pipeline.ingest(List.of(ROOT), new IngestOptions(E2eProfile.COLLECTION, null, false, false),
                IngestProgress.NONE);
    }
}
