package dev.yunrag.answer;

/**
 * Whether the best sentence of the retrieved passages supports an answer at all; when it does not, the extractive
 * answer abstains ("资料中没有找到答案。"). Two signals: the plain share of the question's content terms the sentence
 * contains (idf weights from a handful of sentences are too noisy to threshold on) and the cosine of bge-small-zh
 * embeddings, where unrelated Chinese sentences still score around 0.3-0.5.
 *
 * <p>The line {@code 0.75 × coverage + cosine ≥ 0.77} was chosen on xquad-zh: its first 200 dev questions against its
 * own corpus (answerable) and the first 200 cmrc2018 dev questions against the same corpus (unanswerable); see
 * docs/extractive-answers.md, "Abstention", for the trade-off table and the check on other sets. Without embeddings
 * only the coverage floor used before that calibration decides.
 *
 * <p>Near-topic questions share most words with the documents; when the question's key terms are nowhere in the
 * passages ({@link UnseenKeyTerms}) the bar rises: to 0.85 when a two-ideograph term is unseen, to 0.90 when a number
 * is, and no answer at all when none of its names occurs. Chosen on dev questions whose source paragraph was removed
 * from xquad-zh (the article's other paragraphs stay) against the answerable dev questions of xquad-zh: see
 * docs/evaluation.md, "Second round". An unseen content word of an English question raises the bar to 0.85 as well:
 * chosen the same way on xquad-en (docs/evaluation.md, "Third round"), as was the first-passage rule below.
 */
final class AbstentionPolicy {

    static final double COVERAGE_WEIGHT = 0.75;
    static final double MIN_SUPPORT = 0.77;
    static final double MIN_SUPPORT_UNSEEN_IDEOGRAPHS = 0.85;
    static final double MIN_SUPPORT_UNSEEN_NUMBER = 0.90;
    /** Words alone (no embedding model): the floor used before calibration, not measured against unanswerable sets. */
    static final double MIN_COVERAGE_WITHOUT_EMBEDDINGS = 0.25;

    /** A further sentence is quoted beside the best one only when it is at least about the question. */
    static final double RELEVANT_COVERAGE = 0.25;
    static final double RELEVANT_COSINE = 0.55;

    private AbstentionPolicy() {
    }

    /** Whether the best sentence answers: {@code cosine} is NaN when sentences are not embedded. */
    static boolean supportsAnswer(double coverage, double cosine) {
        return supportsAnswer(coverage, cosine, UnseenKeyTerms.NONE);
    }

    /**
     * @param unseen the question's key terms that no passage read contains
     */
    static boolean supportsAnswer(double coverage, double cosine, UnseenKeyTerms unseen) {
        return supportsAnswer(coverage, cosine, 0, unseen);
    }

    /**
     * @param passageRank 0-based rank of the sentence's passage: when what the question asks about is nowhere
     *                    ({@link UnseenKeyTerms#lastPair}), only a sentence of the first passage can support an answer
     */
    static boolean supportsAnswer(double coverage, double cosine, int passageRank, UnseenKeyTerms unseen) {
        if (unseen.allNames() || unseen.lastPair() && passageRank > 0) {
            return false;
        }
        if (Double.isNaN(cosine)) {
            return coverage >= MIN_COVERAGE_WITHOUT_EMBEDDINGS;
        }
        double bar = MIN_SUPPORT;
        if (unseen.ideographPair() || unseen.word()) {
            bar = Math.max(bar, MIN_SUPPORT_UNSEEN_IDEOGRAPHS);
        }
        if (unseen.number()) {
            bar = Math.max(bar, MIN_SUPPORT_UNSEEN_NUMBER);
        }
        return COVERAGE_WEIGHT * coverage + cosine >= bar;
    }

    /** Whether a further sentence is about the question at all. */
    static boolean relevant(double coverage, double cosine) {
        return coverage >= RELEVANT_COVERAGE || (!Double.isNaN(cosine) && cosine >= RELEVANT_COSINE);
    }
}
