package dev.yunrag.answer;

/**
 * Whether a sentence supports an answer to the question at all, on two signals: the plain share of the question's
 * content terms it contains (idf weights from a handful of sentences are too noisy to threshold on) and the cosine of
 * bge-small-zh embeddings, where unrelated Chinese sentences still score around 0.3-0.45. When the best sentence of the
 * retrieved passages does not, the extractive answer abstains. The thresholds were chosen on questions asked against
 * a corpus that cannot answer them and on answerable ones (docs/extractive-answers.md, "Abstention").
 */
final class AbstentionPolicy {

    static final double MIN_COVERAGE = 0.25;
    static final double MIN_COSINE = 0.55;

    private AbstentionPolicy() {
    }

    /** @param cosine NaN when sentences are not embedded (words alone decide) */
    static boolean supports(double coverage, double cosine) {
        return coverage >= MIN_COVERAGE || (!Double.isNaN(cosine) && cosine >= MIN_COSINE);
    }
}
