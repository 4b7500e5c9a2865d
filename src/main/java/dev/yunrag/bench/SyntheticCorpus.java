package dev.yunrag.bench;

import java.util.Random;

/**
 * Synthetic Chinese-like text for scale tests: words are pairs of common CJK characters drawn from a fixed vocabulary
 * with a Zipf-like skew, so BM25 sees a realistic mix of frequent and rare terms.
 */
final class SyntheticCorpus {

    private final String[] vocabulary;
    private final Random random;

    SyntheticCorpus(int vocabularySize, long seed) {
        this.random = new Random(seed);
        this.vocabulary = new String[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            vocabulary[i] = "" + (char) (0x4E00 + random.nextInt(3000)) + (char) (0x4E00 + random.nextInt(3000));
        }
    }

    /** A word, frequent ones more often (rank ~ 1/u², roughly Zipfian). */
    String word() {
        double u = random.nextDouble();
        return vocabulary[(int) (vocabulary.length * u * u)];
    }

    /** A search query as the benchmarks send it: five words. */
    String query() {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 5; w++) {
            text.append(word());
        }
        return text.toString();
    }

    String passage(int words) {
        StringBuilder text = new StringBuilder(words * 2 + words / 12);
        for (int i = 0; i < words; i++) {
            text.append(word());
            if (i % 12 == 11) {
                text.append('。');
            }
        }
        return text.toString();
    }
}
