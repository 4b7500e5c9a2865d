package dev.yunrag.answer;

import dev.yunrag.text.LexicalTerms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.yunrag.text.SentenceSplitter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures the extractive answerer on real questions as if retrieval were perfect: the gold document is cut into
 * ~300-character chunks at sentence boundaries, ordered by bigram overlap with the question, and handed over; an
 * answer matches when, normalised, it contains a reference answer. Prints the table in docs/extractive-answers.md.
 *
 * <p>Run: {@code ./mvnw -B -q test -Dyunrag.slow=true -Dtest=ExtractiveAnswerEvaluationTest}
 * (needs /work/shared/eval, or set -Dyunrag.eval.dir).
 */
@Tag("slow")
class ExtractiveAnswerEvaluationTest {

    private static final Path EVAL_DIR = Path.of(System.getProperty("yunrag.eval.dir", "/work/shared/eval"));
    private static final int QUERIES = Integer.getInteger("yunrag.eval.queries", 150);
    private static final int CHUNK_CHARS = 300;

    private static CachingEmbeddingModel embeddings;

    @BeforeAll
    static void loadModel() {
        embeddings = new CachingEmbeddingModel(new BgeSmallZhV15EmbeddingModel());
    }

    @Test
    void answerMatchOnXquadZh() throws IOException {
        evaluate("xquad-zh");
    }

    @Test
    void answerMatchOnCmrc2018() throws IOException {
        evaluate("cmrc2018");
    }

    private void evaluate(String dataset) throws IOException {
        List<Case> cases = load(EVAL_DIR.resolve(dataset));
        System.out.printf("%n== %s: %d queries ==%n", dataset, cases.size());
        System.out.printf("ceiling: answer in top chunk %.3f, in top-%d chunks %.3f%n",
                ceiling(cases, 1), ExtractiveAnswerer.DEFAULT_MAX_PASSAGES,
                ceiling(cases, ExtractiveAnswerer.DEFAULT_MAX_PASSAGES));
        Map<String, ExtractiveAnswerer> variants = new java.util.LinkedHashMap<>();
        variants.put("lexical, 1 sentence", new ExtractiveAnswerer(null, 1, 5));
        variants.put("lexical, 3 sentences", new ExtractiveAnswerer(null, 3, 5));
        variants.put("embeddings, 1 sentence", new ExtractiveAnswerer(embeddings, 1, 5));
        variants.put("embeddings, 3 sentences", new ExtractiveAnswerer(embeddings, 3, 5));
        for (int embedded : new int[] {6, 8, 16, 24, 1000}) {
            variants.put("embeddings, 3 sentences, embed " + embedded, new ExtractiveAnswerer(embeddings, 3, 5,
                    ExtractiveAnswerer.Weights.DEFAULT, embedded));
        }
        for (String extra : System.getProperty("yunrag.eval.weights", "").split(";")) {
            if (!extra.isBlank()) {
                String[] w = extra.split(",");
                var weights = new ExtractiveAnswerer.Weights(Double.parseDouble(w[0]), Double.parseDouble(w[1]),
                        Double.parseDouble(w[2]), Double.parseDouble(w[3]), Double.parseDouble(w[4]),
                        Double.parseDouble(w[5]));
                int sentences = Integer.parseInt(w[6]);
                variants.put("lexical, " + extra, new ExtractiveAnswerer(null, sentences, 5, weights));
                variants.put("embeddings, " + extra, new ExtractiveAnswerer(embeddings, sentences, 5, weights));
            }
        }
        for (var variant : variants.entrySet()) {
            int matched = 0;
            int notFound = 0;
            long sentences = 0;
            long started = System.nanoTime();
            long embeddedBefore = embeddings.requested.get();
            for (Case c : cases) {
                CitedAnswer answer = variant.getValue().answer(c.question, c.passages);
                if (answer.citations().isEmpty()) {
                    notFound++;
                }
                sentences += answer.highlights().size();
                if (matches(answer.text().replaceAll("\\[\\d+]", ""), c.answers)) {
                    matched++;
                } else if (variant.getKey().equals(System.getProperty("yunrag.eval.show"))) {
                    System.out.printf("MISS %s %s%n  -> %s%n", c.question, c.answers, answer.text());
                }
            }
            System.out.printf("%-40s answerMatch %.3f  not-found %d  sentences/answer %.2f  embedded/answer %.1f"
                    + "  %d ms (embeddings cached across variants)%n",
                    variant.getKey(), (double) matched / cases.size(), notFound,
                    (double) sentences / cases.size(),
                    (double) (embeddings.requested.get() - embeddedBefore) / cases.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        assertThat(cases).hasSize(QUERIES);
    }

    private static double ceiling(List<Case> cases, int topChunks) {
        long hits = cases.stream().filter(c -> c.passages.stream().limit(topChunks)
                .anyMatch(p -> matches(p.text(), c.answers))).count();
        return (double) hits / cases.size();
    }

    static boolean matches(String answer, List<String> references) {
        String normalisedAnswer = normalise(answer);
        return references.stream().map(ExtractiveAnswerEvaluationTest::normalise)
                .anyMatch(r -> !r.isEmpty() && normalisedAnswer.contains(r));
    }

    /** Full-width to half-width, lower case, letters and digits only. */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    private record Case(String question, List<String> answers, List<ScoredChunk> passages) {
    }

    private static List<Case> load(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> documents = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("corpus.jsonl"))) {
            JsonNode doc = json.readTree(line);
            documents.put(doc.get("id").asText(), doc);
        }
        Map<String, String> goldDocument = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("qrels-dev.tsv"))) {
            String[] fields = line.split("\t");
            goldDocument.putIfAbsent(fields[0], fields[1]);
        }
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("queries-dev.jsonl")).subList(0, QUERIES)) {
            JsonNode query = json.readTree(line);
            JsonNode doc = documents.get(goldDocument.get(query.get("id").asText()));
            List<String> answers = new ArrayList<>();
            query.get("answers").forEach(a -> answers.add(a.asText()));
            String question = query.get("text").asText();
            cases.add(new Case(question, answers, rankedChunks(question, doc)));
        }
        return cases;
    }

    /** The gold document in ~300-character chunks at sentence boundaries, most question bigrams first. */
    private static List<ScoredChunk> rankedChunks(String question, JsonNode doc) {
        String id = doc.get("id").asText();
        String title = doc.get("title").asText();
        String text = doc.get("text").asText();
        List<Chunk> chunks = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (SentenceSplitter.Span span : SentenceSplitter.split(text)) {
            if (start >= 0 && span.end() - start > CHUNK_CHARS) {
                chunks.add(new Chunk(id, chunks.size(), text.substring(start, end), start, end, null, null, List.of()));
                start = -1;
            }
            if (start < 0) {
                start = span.start();
            }
            end = span.end();
        }
        if (start >= 0) {
            chunks.add(new Chunk(id, chunks.size(), text.substring(start, end), start, end, null, null, List.of()));
        }
        Set<String> questionTerms = LexicalTerms.ofQuestion(question);
        return chunks.stream()
                .sorted(Comparator.comparingLong((Chunk c) -> -LexicalTerms.of(c.text()).stream()
                        .distinct().filter(questionTerms::contains).count()).thenComparingInt(Chunk::ordinal))
                .map(c -> new ScoredChunk(c, id, title, "text/plain", RankTrace.NONE))
                .toList();
    }

    /** The eval asks many questions of the same documents: embed each sentence once. */
    private static final class CachingEmbeddingModel implements EmbeddingModel {
        private final EmbeddingModel delegate;
        private final Map<String, Embedding> cache = new ConcurrentHashMap<>();
        /** Texts asked for, cached or not: what the answerer would embed in production, where nothing is cached. */
        final java.util.concurrent.atomic.AtomicLong requested = new java.util.concurrent.atomic.AtomicLong();

        CachingEmbeddingModel(EmbeddingModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            requested.addAndGet(segments.size());
            List<TextSegment> missing = segments.stream().filter(s -> !cache.containsKey(s.text()))
                    .distinct().toList();
            if (!missing.isEmpty()) {
                List<Embedding> computed = delegate.embedAll(missing).content();
                for (int i = 0; i < missing.size(); i++) {
                    cache.put(missing.get(i).text(), computed.get(i));
                }
            }
            return Response.from(segments.stream().map(s -> cache.get(s.text())).toList());
        }
    }
}
