package dev.yunrag.answer;

import dev.yunrag.model.Citation;
import java.util.List;

/**
 * An answer text with the sources it cites.
 *
 * @param text                    the answer, with citation markers such as [1] or [1][3]
 * @param citations               each cited source once, in order of first use; {@code Citation.n()} is the number
 *                                shown in the text
 * @param invalidCitationsRemoved how many citations to sources that do not exist were taken out of the text
 * @param highlights              sentences quoted from the sources (extractive answers), empty for generated answers
 * @param answered                false when the answer says the documents do not answer the question (then it cites
 *                                nothing)
 */
public record CitedAnswer(String text, List<Citation> citations, int invalidCitationsRemoved,
                          List<Highlight> highlights, boolean answered) {

    public CitedAnswer {
        citations = List.copyOf(citations);
        highlights = List.copyOf(highlights);
    }

    public CitedAnswer(String text, List<Citation> citations, int invalidCitationsRemoved,
                       List<Highlight> highlights) {
        this(text, citations, invalidCitationsRemoved, highlights, true);
    }

    public CitedAnswer(String text, List<Citation> citations, int invalidCitationsRemoved) {
        this(text, citations, invalidCitationsRemoved, List.of());
    }

    /** "The documents do not answer this", in the question's language, citing nothing. */
    public static CitedAnswer notAnswered(String question) {
        return new CitedAnswer(Abstention.sentence(question), List.of(), 0, List.of(), false);
    }
}
