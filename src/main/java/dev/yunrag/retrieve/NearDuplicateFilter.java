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

    /** Bits of each bit-sliced SimHash vote counter: counts up to 2^31, more bigrams than a Java string can hold. */
    private static final int COUNTER_BITS = 31;

    private NearDuplicateFilter() {
    }

    public static List<ScoredChunk> collapse(List<ScoredChunk> ranked) {
        int n = ranked.size();
        List<ScoredChunk> kept = new ArrayList<>(n);
        int[][] keptBigrams = new int[n][];
        long[] keptFingerprints = new long[n];
        int[] scratch = new int[0];
        for (ScoredChunk candidate : ranked) {
            String text = candidate.text();
            if (scratch.length < text.length()) {
                scratch = new int[text.length()];
            }
            int[] bigrams = bigrams(text, scratch);
            long fingerprint = simHash(bigrams);
            boolean duplicate = false;
            for (int i = 0; i < kept.size() && !duplicate; i++) {
                duplicate = spansOverlap(kept.get(i), candidate)
                        || Long.bitCount(keptFingerprints[i] ^ fingerprint) <= MAX_FINGERPRINT_DISTANCE
                        && similar(keptBigrams[i], bigrams);
            }
            if (!duplicate) {
                keptBigrams[kept.size()] = bigrams;
                keptFingerprints[kept.size()] = fingerprint;
                kept.add(candidate);
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

    /**
     * Distinct character bigrams (whitespace excluded), sorted, so that intersections are a linear merge.
     *
     * @param scratch a buffer at least as long as the text, reused across candidates
     */
    private static int[] bigrams(String text, int[] scratch) {
        int n = 0;
        for (int i = 0; i + 1 < text.length(); i++) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if (!Character.isWhitespace(a) && !Character.isWhitespace(b)) {
                scratch[n++] = a << 16 | b;
            }
        }
        Arrays.sort(scratch, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || scratch[i] != scratch[i - 1]) {
                scratch[distinct++] = scratch[i];
            }
        }
        return Arrays.copyOf(scratch, distinct);
    }

    /**
     * 64-bit SimHash of a bigram set: each bigram votes on every bit through a mixed hash of itself, and a bit is set
     * where more than half of the bigrams voted for it. The votes are counted bit-sliced (plane {@code p} holds bit
     * {@code p} of all 64 counters, added to with a ripple carry), so a bigram costs a few word operations instead of
     * 64 counter updates: this loop was most of the fusion stage's time (FusionBenchmark).
     */
    static long simHash(int[] bigrams) {
        long[] planes = new long[COUNTER_BITS];
        for (int bigram : bigrams) {
            long carry = mix(bigram);
            for (int p = 0; carry != 0; p++) {
                long next = planes[p] & carry;
                planes[p] ^= carry;
                carry = next;
            }
        }
        // Bits whose count of ones exceeds half the votes (ones > n - ones, i.e. ones > n / 2 rounded down):
        // a bit-sliced comparison with the constant, from the highest plane down.
        int half = bigrams.length / 2;
        long greater = 0;
        long equal = -1L;
        for (int p = COUNTER_BITS - 1; p >= 0; p--) {
            if ((half >>> p & 1) == 1) {
                equal &= planes[p];
            } else {
                greater |= equal & planes[p];
                equal &= ~planes[p];
            }
        }
        return greater;
    }

    static long mix(int bigram) {
        long h = bigram * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return h;
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
