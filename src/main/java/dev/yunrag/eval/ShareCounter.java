package dev.yunrag.eval;

/** A share of hits among trials, reported as null when there were no trials (e.g. no reference answers). */
final class ShareCounter {

    private int hits;
    private int trials;

    void add(boolean hit) {
        trials++;
        if (hit) {
            hits++;
        }
    }

    void add(int newHits, int newTrials) {
        hits += newHits;
        trials += newTrials;
    }

    int trials() {
        return trials;
    }

    Double share() {
        return trials == 0 ? null : StageScores.round((double) hits / trials);
    }
}
