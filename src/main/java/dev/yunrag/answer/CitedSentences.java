package dev.yunrag.answer;

import dev.yunrag.text.LexicalTerms;

import dev.yunrag.text.SentenceSplitter;
import dev.yunrag.model.Citation;
import dev.yunrag.model.ScoredChunk;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * For a generated answer, finds the sentence of a cited passage that the model's claim rests on, so the citation
 * carries that sentence's page and heading path rather than the passage's first ones. The claim is the answer
 * sentence before the [n] marker; the passage sentence sharing the most of its terms is taken, when it shares enough
 * to be told apart from chance.
 */
final class CitedSentences {

    /** Fewer shared terms than this (or than this share of the claim's) is no evidence of which sentence it is. */
    private static final int MIN_SHARED_TERMS = 2;
    private static final double MIN_SHARED_SHARE = 0.2;
    private static final String CLAIM_END = "。！？!?\n";

    private CitedSentences() {
    }

    /** Citation [n] of {@code passage} for {@code claim}; the passage-level citation when no sentence stands out. */
    static Citation citation(int n, ScoredChunk passage, String claim) {
        Set<String> claimTerms = new HashSet<>(LexicalTerms.of(claim));
        String text = passage.text();
        SentenceSplitter.Span best = null;
        int bestShared = 0;
        for (SentenceSplitter.Span span : SentenceSplitter.split(text)) {
            List<String> terms = LexicalTerms.of(text.substring(span.start(), span.end()));
            int shared = (int) new HashSet<>(terms).stream().filter(claimTerms::contains).count();
            if (shared > bestShared) {
                best = span;
                bestShared = shared;
            }
        }
        if (best == null || bestShared < MIN_SHARED_TERMS || bestShared < MIN_SHARED_SHARE * claimTerms.size()) {
            return Citation.of(n, passage);
        }
        int start = passage.chunk().start() + best.start();
        return Citation.ofSentence(n, passage, start, start + best.length());
    }

    /** The answer sentence that ends where a citation marker starts: back to the previous sentence end. */
    static String claimBefore(String reply, int markerStart) {
        int end = markerStart;
        int start = end;
        while (start > 0 && CLAIM_END.indexOf(reply.charAt(start - 1)) < 0) {
            start--;
        }
        if (start == end && start > 0) {
            // "…600元。[1]": the marker follows the sentence's own full stop
            start--;
            while (start > 0 && CLAIM_END.indexOf(reply.charAt(start - 1)) < 0) {
                start--;
            }
        }
        return reply.substring(start, end);
    }
}
