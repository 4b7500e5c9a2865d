package dev.yunrag.answer;

import dev.yunrag.model.ApiTimings;

import dev.yunrag.model.Citation;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import java.util.Map;

/**
 * A cited answer and how it was made.
 *
 * @param answer                  the answer text with [n] markers
 * @param mode                    {@code extractive} (quoted sentences, no chat model) or {@code generative}
 * @param model                   the answer model used, or {@code extractive}
 * @param reasoning               a reasoning model's thinking, separated from the answer (null otherwise)
 * @param citations               the cited sources, numbered as in the text
 * @param highlights              quoted spans (extractive answers)
 * @param sources                 all passages handed to the answer step, in source-number order
 * @param standaloneQuestion      the question retrieval used (rewritten when it was a follow-up)
 * @param timings                 milliseconds per stage (plus the API's prefill/decode when reported)
 * @param usage                   token usage reported by the chat model (empty for extractive answers)
 * @param invalidCitationsRemoved citations to sources that did not exist, removed from the text
 * @param warnings                degradations and notes for the user
 * @param answered                false when the documents do not answer the question (the answer says so and cites
 *                                nothing)
 * @param related                 when not answered: the closest passages, for the reader to look at (never citations)
 * @param warningCodes            a stable lowercase code per warning ({@code truncated}, {@code uncited}, ...)
 * @param truncated               the chat model was cut off ({@code finish_reason: length}, or a cut stream)
 * @param apiTimings              the 云网 service's own timings with units, null when it sent none
 */
public record Answer(String answer, String mode, String model, String reasoning, List<Citation> citations,
                     List<Highlight> highlights, List<ScoredChunk> sources, String standaloneQuestion,
                     Map<String, Number> timings, Map<String, Integer> usage, int invalidCitationsRemoved,
                     List<String> warnings, boolean answered, List<ScoredChunk> related,
                     List<String> warningCodes, boolean truncated, ApiTimings apiTimings) {

    public Answer {
        warnings = List.copyOf(warnings);
        warningCodes = List.copyOf(warningCodes);
    }

    /** How many of the closest passages an unanswered question shows as related. */
    public static final int RELATED_PASSAGES = 3;

    public static final String EXTRACTIVE = "extractive";
    public static final String GENERATIVE = "generative";

    /** The passages shown as related when the answer is "not found": the best few retrieved, nothing when answered. */
    static List<ScoredChunk> related(boolean answered, List<ScoredChunk> sources) {
        return answered ? List.of() : List.copyOf(sources.subList(0, Math.min(RELATED_PASSAGES, sources.size())));
    }
}
