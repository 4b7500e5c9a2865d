package dev.yunrag.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.stream.Stream;

/**
 * The committed sample corpus ({@code sample-corpus/}): its documents (without the generator sources), its questions,
 * and its ingestion. {@link #ingest} puts it into the collection {@code default} of the test data directory once per
 * run (the shared fixture of the API tests); {@link #ingestInto} into any collection, each call (unchanged files are
 * skipped, so a repeat is cheap).
 */
public final class SampleCorpus {

    public static final Path DIR = Path.of("sample-corpus");
    public static final String COLLECTION = "default";
    /** Files of the folder that are not corpus documents (src/ holds the generators' originals). */
    private static final Set<String> NOT_DOCUMENTS = Set.of("README.md", "questions.jsonl");

    private static volatile IngestReport report;

    private SampleCorpus() {
    }

    /** The corpus documents: the top-level files of sample-corpus/ except the README and the questions. */
    public static List<Path> documents() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !NOT_DOCUMENTS.contains(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One corpus file, e.g. {@code document("employee-handbook.pdf")}. */
    public static Path document(String file) {
        return DIR.resolve(file);
    }

    /**
     * Ingests the corpus folder (its .yunragignore leaves out README, questions and generator sources) into
     * {@code collection}; unchanged files are skipped on later calls.
     */
    public static IngestReport ingestInto(IngestionPipeline pipeline, String collection) {
        return pipeline.ingest(List.of(DIR), new IngestOptions(collection, null, false, false), IngestProgress.NONE);
    }

    public static synchronized IngestReport ingest(IngestionPipeline pipeline) {
        if (report == null) {
            // The folder, as a user ingests it (./yunrag quickstart): sources are "sample-corpus/<file>", the same
            // names the web UI tests see in the shared test data directory.
            report = pipeline.ingest(List.of(DIR), new IngestOptions(COLLECTION, null, false, false),
                    IngestProgress.NONE);
            assertThat(report.failed()).as("sample corpus ingestion failures").isEmpty();
            assertThat(report.documents()).isGreaterThanOrEqualTo(documents().size());
        }
        return report;
    }

    /** The source name of a corpus file as ingested: {@code sample-corpus/<file>}. */
    public static String source(String file) {
        return DIR + "/" + file;
    }

    /**
     * One line of questions.jsonl ({@code source} is relative to sample-corpus/). {@code answer} is null for a question
     * the corpus cannot answer (then {@code source} is null too); {@code kind} marks table, list and follow-up
     * questions; {@code history} is the conversation before a follow-up ({@code role}, {@code content}).
     */
    public record Question(String question, String source, Integer page, String answer, String kind,
                           List<java.util.Map<String, String>> history) {

        public Question {
            history = history == null ? List.of() : List.copyOf(history);
        }

        public boolean answerable() {
            return answer != null;
        }
    }

    public static List<Question> questions() {
        ObjectMapper json = new ObjectMapper();
        try {
            return Files.readAllLines(DIR.resolve("questions.jsonl")).stream().filter(line -> !line.isBlank())
                    .map(line -> {
                        try {
                            return json.readValue(line, Question.class);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
