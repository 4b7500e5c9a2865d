package dev.yunrag.api;

import dev.yunrag.model.FigureSpan;
import dev.yunrag.model.RankTrace;
import dev.yunrag.model.ScoredChunk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieved passage as the API shows it, with its rank and score at every stage: why it ranked where it did.
 *
 * @param n      position in the list, from 1 (the [n] of an answer's sources)
 * @param ranks  {@code bm25}, {@code vector}, {@code fused}, {@code rerank}: 1-based, absent where the stage missed it
 * @param scores the matching scores
 * @param figures the parts of the passage read from images, in order (empty when none)
 */
public record PassageView(int n, String chunkId, String documentId, String source, String title, String contentType,
                          Integer page, Integer pageEnd, List<String> headingPath, int start, int end, String text,
                          Map<String, Integer> ranks, Map<String, Number> scores, List<FigureView> figures) {

    /**
     * Characters [start, end) of the passage (document offsets) were read from image {@code figure} on {@code page}
     * by {@code origin} ({@code ocr} or {@code vision}); {@code thumbnail} is where the API serves a small copy.
     */
    public record FigureView(String figure, String origin, Integer page, int start, int end, String thumbnail) {
    }

    static PassageView of(int n, ScoredChunk passage) {
        RankTrace t = passage.trace();
        Map<String, Integer> ranks = new LinkedHashMap<>();
        Map<String, Number> scores = new LinkedHashMap<>();
        put(ranks, scores, "bm25", t.bm25Rank(), t.bm25Score());
        put(ranks, scores, "vector", t.vectorRank(), t.vectorScore());
        put(ranks, scores, "fused", t.fusedRank(), t.fusedScore());
        put(ranks, scores, "rerank", t.rerankRank(), t.rerankScore());
        var c = passage.chunk();
        return new PassageView(n, c.chunkId(), c.documentId(), passage.source(), passage.title(),
                passage.contentType(), c.pageStart(), c.pageEnd(), c.headingPath(), c.start(), c.end(), c.text(),
                ranks, scores, c.figures().stream().map(f -> new FigureView(f.figure(), f.origin(),
                        c.pageAt(f.start()), f.start(), f.end(), FigureSpan.thumbnailUrl(c.documentId(), f.figure())))
                        .toList());
    }

    public static List<PassageView> list(List<ScoredChunk> passages) {
        return java.util.stream.IntStream.range(0, passages.size()).mapToObj(i -> of(i + 1, passages.get(i))).toList();
    }

    private static void put(Map<String, Integer> ranks, Map<String, Number> scores, String stage, Integer rank,
                            Number score) {
        if (rank != null) {
            ranks.put(stage, rank);
        }
        if (score != null) {
            scores.put(stage, score);
        }
    }
}
