package dev.yunrag.api;

import dev.yunrag.model.ApiTimings;
import dev.yunrag.answer.Answer;
import dev.yunrag.answer.Highlight;
import dev.yunrag.model.Citation;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/ask} response (and the SSE {@code done} event). {@code answered} is false when the documents do
 * not answer the question; {@code related} then lists the closest passages (same shape as {@code sources}, never
 * citations), and is empty otherwise.
 */
public record AnswerView(String answer, String mode, String model, String reasoning, String question,
                         List<Citation> citations, List<Highlight> highlights, List<PassageView> sources,
                         Map<String, Number> timings, Map<String, Integer> usage, int invalidCitationsRemoved,
                         List<String> warnings, List<String> warningCodes, boolean truncated,
                         ApiTimings apiTimings, boolean answered, List<PassageView> related) {

    public static AnswerView of(Answer a) {
        return new AnswerView(a.answer(), a.mode(), a.model(), a.reasoning(), a.standaloneQuestion(), a.citations(),
                a.highlights(), PassageView.list(a.sources()), a.timings(), a.usage(), a.invalidCitationsRemoved(),
                a.warnings(), a.warningCodes(), a.truncated(), a.apiTimings(), a.answered(),
                PassageView.list(a.related()));
    }
}
