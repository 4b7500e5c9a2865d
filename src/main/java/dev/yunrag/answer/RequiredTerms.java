package dev.yunrag.answer;

import java.util.HashSet;
import java.util.Set;

/**
 * Which of the question's content terms the sentences quoted so far already hold. A further sentence is quoted only
 * when it holds one that none of them does: a second sentence that repeats what the first one covers ("每月" and
 * "工资" of the pay-day sentence, again in the meal-allowance sentence) adds nothing the question asked for, and a
 * reader takes it for part of the answer.
 */
final class RequiredTerms {

    private final Set<String> notYetQuoted;

    RequiredTerms(Set<String> questionTerms) {
        this.notYetQuoted = new HashSet<>(questionTerms);
    }

    /** Records the terms of a sentence that is quoted whatever it adds (the best one). */
    void quoted(Set<String> sentenceTerms) {
        notYetQuoted.removeAll(sentenceTerms);
    }

    /** Whether the sentence holds a question term not quoted yet; if so, it counts as quoted from now on. */
    boolean addsTerm(Set<String> sentenceTerms) {
        boolean adds = sentenceTerms.stream().anyMatch(notYetQuoted::contains);
        if (adds) {
            quoted(sentenceTerms);
        }
        return adds;
    }
}
