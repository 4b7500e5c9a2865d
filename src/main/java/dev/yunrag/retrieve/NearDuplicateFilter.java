package dev.yunrag.retrieve;

import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /**
     * SimHash bits that may differ between two texts worth comparing exactly: passages with bigram Jaccard above 0.85
     * differ in far fewer of 64 bits, while unrelated passages differ in about 32. Comparing fingerprints first keeps
     * the exact comparison (a merge of sorted bigram sets) for the rare candidate pairs.
     */
    private static final int MAX_FINGERPRINT_DISTANCE = 16;

    private NearDuplicateFilter() {
    }

    public static List<ScoredChunk> collapse(List<ScoredChunk> ranked) {
        List<ScoredChunk> kept = new ArrayList<>();
        List<int[]> keptBigrams = new ArrayList<>();
        List<Long> keptFingerprints = new ArrayList<>();
        for (ScoredChunk candidate : ranked) {
            int[] bigrams = bigrams(candidate.text());
            long fingerprint = simHash(bigrams);
            boolean duplicate = false;
            for (int i = 0; i < kept.size() && !duplicate; i++) {
                duplicate = spansOverlap(kept.get(i), candidate)
                        || Long.bitCount(keptFingerprints.get(i) ^ fingerprint) <= MAX_FINGERPRINT_DISTANCE
                        && similar(keptBigrams.get(i), bigrams);
            }
            if (!duplicate) {
                kept.add(candidate);
                keptBigrams.add(bigrams);
                keptFingerprints.add(fingerprint);
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

    /** Distinct character bigrams (whitespace excluded), sorted, so that intersections are a linear merge. */
    private static int[] bigrams(String text) {
        int[] all = new int[Math.max(0, text.length() - 1)];
        int n = 0;
        for (int i = 0; i + 1 < text.length(); i++) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if (!Character.isWhitespace(a) && !Character.isWhitespace(b)) {
                all[n++] = a << 16 | b;
            }
        }
        int[] sorted = Arrays.copyOf(all, n);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /** 64-bit SimHash of a bigram set: each bigram votes on every bit through a mixed hash of itself. */
    private static long simHash(int[] bigrams) {
        int[] votes = new int[64];
        for (int bigram : bigrams) {
            long h = bigram * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 32;
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += (h >>> bit & 1) == 1 ? 1 : -1;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    private static boolean similar(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return false;
        }
        // Jaccard can exceed the threshold only if the smaller set is at least that share of the larger.
        if (Math.min(a.length, b.length) < TEXT_SIMILARITY * Math.max(a.length, b.length)) {
            return false;
        }
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common) > TEXT_SIMILARITY;
    }
}
