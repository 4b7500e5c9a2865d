package dev.yunrag.rerank;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.yunrag.text.LexicalTerms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-scores candidates by how much of the question they cover: the idf-weighted share of the question's content
 * terms (CJK bigrams, English words; question words dropped) that a passage contains, plus a prior from its fused
 * position. Fusion ranks a passage that matches one rare term very well as high as one that matches all terms;
 * for questions written from one passage, covering all of them is the stronger signal. Candidates arrive in fused
 * order, which is what the prior reads.
 */
public class LexicalCoverageScorer implements ScoringModel {

    /** Weight of the fused-position prior: enough to break ties, not to override coverage. */
    private final double priorWeight;

    public LexicalCoverageScorer(double priorWeight) {
        this.priorWeight = priorWeight;
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        Set<String> questionTerms = LexicalTerms.ofQuestion(query);
        List<Set<String>> passageTerms = new ArrayList<>(segments.size());
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (TextSegment segment : segments) {
            Set<String> terms = new HashSet<>(LexicalTerms.of(segment.text()));
            terms.retainAll(questionTerms);
            passageTerms.add(terms);
            terms.forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
        }
        Map<String, Double> idf = new HashMap<>();
        double total = 0;
        for (String term : questionTerms) {
            double weight = Math.log(1.0 + (segments.size() + 1.0) / (documentFrequency.getOrDefault(term, 0) + 1.0));
            idf.put(term, weight);
            total += weight;
        }
        List<Double> scores = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            double covered = 0;
            for (String term : passageTerms.get(i)) {
                covered += idf.getOrDefault(term, 0.0);
            }
            double coverage = total == 0 ? 0 : covered / total;
            scores.add(coverage + priorWeight / (1.0 + i));
        }
        return Response.from(scores);
    }
}
