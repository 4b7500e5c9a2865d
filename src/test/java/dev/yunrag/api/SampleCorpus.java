package dev.yunrag.api;

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
 * The shared fixture of the API tests: {@code sample-corpus/} ingested into the collection {@code default} of the
 * test data directory. Ingestion is idempotent (unchanged files are skipped), so every test class may call
 * {@link #ingest} and only the first one in a run pays for it.
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
