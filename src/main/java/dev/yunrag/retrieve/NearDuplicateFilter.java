package dev.yunrag.retrieve;

import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collapses near-duplicate passages, keeping the better-ranked one: overlapping spans of the same document (chunk
 * overlap) and passages whose character-bigram sets are almost the same (the same paragraph in two files, or a
 * document ingested twice under two names).
 */
public final class NearDuplicateFilter {

    /** Share of the shorter span that, overlapping, makes two chunks of one document duplicates. */
    private static final double SPAN_OVERLAP = 0.5;
    /** Jaccard similarity of bigram sets above which two passages say the same thing. */
    private static final double TEXT_SIMILARITY = 0.85;

    private NearDuplicateFilter() {
    }

    public static List<ScoredChunk> collapse(List<ScoredChunk> ranked) {
        List<ScoredChunk> kept = new ArrayList<>();
        List<Set<Integer>> keptBigrams = new ArrayList<>();
        for (ScoredChunk candidate : ranked) {
            Set<Integer> bigrams = bigrams(candidate.text());
            boolean duplicate = false;
            for (int i = 0; i < kept.size() && !duplicate; i++) {
                duplicate = spansOverlap(kept.get(i), candidate) || jaccard(keptBigrams.get(i), bigrams) > TEXT_SIMILARITY;
            }
            if (!duplicate) {
                kept.add(candidate);
                keptBigrams.add(bigrams);
            }
        }
        return kept;
    }

    private static boolean spansOverlap(ScoredChunk a, ScoredChunk b) {
        if (!a.chunk().documentId().equals(b.chunk().documentId())) {
            return false;
        }
        int overlap = Math.min(a.chunk().end(), b.chunk().end()) - Math.max(a.chunk().start(), b.chunk().start());
        int shorter = Math.min(a.chunk().end() - a.chunk().start(), b.chunk().end() - b.chunk().start());
        return shorter > 0 && overlap > SPAN_OVERLAP * shorter;
    }

    private static Set<Integer> bigrams(String text) {
        Set<Integer> set = new HashSet<>();
        for (int i = 0; i + 1 < text.length(); i++) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if (!Character.isWhitespace(a) && !Character.isWhitespace(b)) {
                set.add(a << 16 | b);
            }
        }
        return set;
    }

    private static double jaccard(Set<Integer> a, Set<Integer> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        Set<Integer> smaller = a.size() < b.size() ? a : b;
        Set<Integer> larger = smaller == a ? b : a;
        for (Integer x : smaller) {
            if (larger.contains(x)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
