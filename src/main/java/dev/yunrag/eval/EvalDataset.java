package dev.yunrag.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval evaluation set in the BEIR-like layout of {@code shared/eval/}: {@code corpus.jsonl} ({id, title, text}),
 * {@code queries*.jsonl} ({id, text, answers}), {@code qrels*.tsv} (query id, doc id, relevance; no header).
 */
public record EvalDataset(String name, List<CorpusRecord> corpus, List<Query> queries,
                          Map<String, Map<String, Integer>> qrels) {

    public record CorpusRecord(String id, String title, String text) {
    }

    public record Query(String id, String text, List<String> answers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads DIR/corpus.jsonl with the given (or the first matching) queries and qrels files. */
    public static EvalDataset read(Path dir, Path queriesFile, Path qrelsFile) {
        Path queries = queriesFile != null ? queriesFile : firstMatching(dir, "queries", ".jsonl");
        Path qrels = qrelsFile != null ? qrelsFile : firstMatching(dir, "qrels", ".tsv");
        return new EvalDataset(dir.toAbsolutePath().normalize().getFileName().toString(),
                readCorpus(dir.resolve("corpus.jsonl")), readQueries(queries), readQrels(qrels));
    }

    /** Only the corpus (for ingestion benchmarks). */
    public static EvalDataset readCorpusOnly(Path dir) {
        return new EvalDataset(dir.toAbsolutePath().normalize().getFileName().toString(),
                readCorpus(dir.resolve("corpus.jsonl")), List.of(), Map.of());
    }

    private static Path firstMatching(Path dir, String prefix, String suffix) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith(suffix)).sorted().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No " + prefix + "*" + suffix + " in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    static List<CorpusRecord> readCorpus(Path file) {
        List<CorpusRecord> records = new ArrayList<>();
        forEachJsonLine(file, node -> records.add(new CorpusRecord(node.path("id").asText(),
                node.path("title").asText(""), node.path("text").asText(""))));
        return records;
    }

    static List<Query> readQueries(Path file) {
        List<Query> queries = new ArrayList<>();
        forEachJsonLine(file, node -> {
            List<String> answers = new ArrayList<>();
            node.path("answers").forEach(a -> answers.add(a.asText()));
            queries.add(new Query(node.path("id").asText(), node.path("text").asText(), answers));
        });
        return queries;
    }

    static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t");
                if (parts.length >= 3 && !parts[0].equals("query-id")) {
                    int relevance = Integer.parseInt(parts[2].trim());
                    if (relevance > 0) {
                        qrels.computeIfAbsent(parts[0], q -> new LinkedHashMap<>()).put(parts[1], relevance);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return qrels;
    }

    private static void forEachJsonLine(Path file, java.util.function.Consumer<JsonNode> consumer) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    try {
                        consumer.accept(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new IllegalArgumentException(file + ":" + number + ": not JSON: " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
