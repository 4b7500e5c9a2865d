package dev.yunrag.text;

/**
 * Separates a reasoning model's reasoning from its answer. DeepSeek-R1 and its distilled variants put the reasoning in
 * the content before the answer, as {@code <think>…</think>}, often without the opening tag (the chat template already
 * opened it), or in a separate {@code reasoning_content} field. The reasoning is not the answer: it must never be shown
 * as the answer, nor searched for citations.
 *
 * <p>Rules, for whole texts ({@link #split}) and for streams ({@link #incremental}) alike:
 * <ul>
 *   <li>content with {@code </think>}: everything before it is reasoning (a leading {@code <think>} dropped), the rest
 *       (leading whitespace dropped) is the answer;</li>
 *   <li>content that opens {@code <think>} but never closes it: all reasoning (the model was cut off while thinking);</li>
 *   <li>content without tags: the answer, except from a reasoning model (one that emits reasoning inline), where it
 *       is reasoning that was cut off before {@code </think>}. Pass {@code reasoningModel = false} when the server
 *       delivers the reasoning in {@code reasoning_content}, since then the content is only the answer.</li>
 * </ul>
 */
public final class ReasoningSplitter {

    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    private ReasoningSplitter() {
    }

    /** Reasoning and answer; either may be empty, never null. */
    public record Split(String reasoning, String answer) {
        public static final Split EMPTY = new Split("", "");

        public boolean isEmpty() {
            return reasoning.isEmpty() && answer.isEmpty();
        }
    }

    /** Splits a complete content string. */
    public static Split split(String content, boolean reasoningModel) {
        if (content == null || content.isEmpty()) {
            return Split.EMPTY;
        }
        int close = content.indexOf(CLOSE);
        if (close >= 0) {
            String reasoning = stripOpenTag(content.substring(0, close));
            return new Split(reasoning.strip(), content.substring(close + CLOSE.length()).stripLeading());
        }
        if (content.stripLeading().startsWith(OPEN)) {
            return new Split(stripOpenTag(content).strip(), "");
        }
        return reasoningModel ? new Split(content.strip(), "") : new Split("", content);
    }

    /** A splitter for a stream of content deltas; one per stream, not thread-safe. */
    public static Incremental incremental(boolean reasoningModel) {
        return new Incremental(reasoningModel);
    }

    private static String stripOpenTag(String text) {
        String trimmed = text.stripLeading();
        return trimmed.startsWith(OPEN) ? trimmed.substring(OPEN.length()) : text;
    }

    /**
     * Feed content deltas in order; each call returns the reasoning and answer text that is now certain. Text that
     * might be the start of a tag is held back until the next delta decides, so no partial tag is ever emitted.
     */
    public static final class Incremental {

        private enum State { START, REASONING, ANSWER_START, ANSWER }

        private boolean reasoningModel;
        private State state = State.START;
        private final StringBuilder pending = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private final StringBuilder answer = new StringBuilder();

        private Incremental(boolean reasoningModel) {
            this.reasoningModel = reasoningModel;
        }

        /**
         * Tells the splitter that the server sends reasoning in a separate field, so that untagged content is the
         * answer. Effective only before any content was decided (the field comes first in practice).
         */
        public void reasoningDeliveredSeparately() {
            reasoningModel = false;
        }

        public Split feed(String delta) {
            if (delta == null || delta.isEmpty()) {
                return Split.EMPTY;
            }
            pending.append(delta);
            StringBuilder outReasoning = new StringBuilder();
            StringBuilder outAnswer = new StringBuilder();
            boolean progressed = true;
            while (progressed && !pending.isEmpty()) {
                progressed = step(outReasoning, outAnswer);
            }
            return emit(outReasoning, outAnswer);
        }

        /** Ends the stream: whatever is held back is decided by the rules for complete texts. */
        public Split finish() {
            StringBuilder outReasoning = new StringBuilder();
            StringBuilder outAnswer = new StringBuilder();
            String rest = pending.toString();
            pending.setLength(0);
            switch (state) {
                case START -> {
                    Split split = split(rest, reasoningModel);
                    outReasoning.append(split.reasoning());
                    outAnswer.append(split.answer());
                }
                case REASONING -> outReasoning.append(rest);
                case ANSWER_START -> outAnswer.append(rest.stripLeading());
                case ANSWER -> outAnswer.append(rest);
            }
            return emit(outReasoning, outAnswer);
        }

        /** All reasoning emitted so far. */
        public String reasoning() {
            return reasoning.toString();
        }

        /** All answer text emitted so far. */
        public String answer() {
            return answer.toString();
        }

        /** Consumes what can be decided from {@code pending}; false when it must wait for more input. */
        private boolean step(StringBuilder outReasoning, StringBuilder outAnswer) {
            switch (state) {
                case START -> {
                    String text = pending.toString().stripLeading();
                    if (text.isEmpty()) {
                        return false;
                    }
                    if (text.startsWith(OPEN)) {
                        pending.setLength(0);
                        pending.append(text.substring(OPEN.length()));
                        state = State.REASONING;
                        return true;
                    }
                    if (OPEN.startsWith(text)) {
                        return false;
                    }
                    state = reasoningModel ? State.REASONING : State.ANSWER;
                    return true;
                }
                case REASONING -> {
                    int close = pending.indexOf(CLOSE);
                    if (close >= 0) {
                        outReasoning.append(pending, 0, close);
                        pending.delete(0, close + CLOSE.length());
                        state = State.ANSWER_START;
                        return true;
                    }
                    int keep = partialTagSuffix(pending, CLOSE);
                    outReasoning.append(pending, 0, pending.length() - keep);
                    pending.delete(0, pending.length() - keep);
                    return false;
                }
                case ANSWER_START -> {
                    String text = pending.toString().stripLeading();
                    pending.setLength(0);
                    if (text.isEmpty()) {
                        return false;
                    }
                    pending.append(text);
                    state = State.ANSWER;
                    return true;
                }
                case ANSWER -> {
                    outAnswer.append(pending);
                    pending.setLength(0);
                    return false;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }

        private Split emit(StringBuilder outReasoning, StringBuilder outAnswer) {
            String r = outReasoning.toString();
            // Leading whitespace of the reasoning (after <think>) carries nothing.
            if (reasoning.isEmpty()) {
                r = r.stripLeading();
            }
            reasoning.append(r);
            answer.append(outAnswer);
            return new Split(r, outAnswer.toString());
        }

        /** Length of the longest suffix of {@code text} that is a proper prefix of {@code tag}. */
        private static int partialTagSuffix(CharSequence text, String tag) {
            for (int length = Math.min(tag.length() - 1, text.length()); length > 0; length--) {
                if (tag.startsWith(text.subSequence(text.length() - length, text.length()).toString())) {
                    return length;
                }
            }
            return 0;
        }
    }
}
