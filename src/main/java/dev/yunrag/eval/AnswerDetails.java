package dev.yunrag.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.answer.ExtractiveAnswerer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code eval --details FILE}: one JSON line per answered question with the answer and the sentences that competed
 * for it (scores, coverage, cosine, whether each holds a reference answer), the data the abstention thresholds and
 * the sentence choice are tuned on. Does nothing without a file.
 */
final class AnswerDetails implements AutoCloseable {

    /**
     * Every sentence that competed (the embedded shortlist, 12 by default): rules that look for the question's key
     * terms in any candidate sentence are replayed over all of them, not only the best six.
     */
    private static final int SENTENCES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    private AnswerDetails(BufferedWriter out) {
        this.out = out;
    }

    static AnswerDetails open(Path file) {
        if (file == null) {
            return new AnswerDetails(null);
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            return new AnswerDetails(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** @param passages the passages the answerer read, best first (the key-term rules look at all their text) */
    void write(String kind, EvalDataset.Query query, ExtractiveAnswerer.Extraction extraction,
               List<String> passages) {
        if (out == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", kind);
        line.put("id", query.id());
        line.put("question", query.text());
        line.put("answers", query.answers());
        line.put("answered", extraction.answer().answered());
        line.put("answer", extraction.answer().text());
        List<Map<String, Object>> sentences = extraction.ranked().stream().limit(SENTENCES).map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", s.passageRank());
            m.put("score", round(s.score()));
            m.put("coverage", round(s.coverage()));
            m.put("cosine", Double.isNaN(s.cosine()) ? null : round(s.cosine()));
            m.put("hit", !query.answers().isEmpty() && AnswerNormalizer.containsAny(s.text(), query.answers()));
            m.put("text", s.text());
            return m;
        }).toList();
        line.put("sentences", sentences);
        line.put("passages", passages);
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
