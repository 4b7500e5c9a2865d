package dev.yunrag.answer;

import java.util.List;

/** The request names an answer model that is not in the catalogue. */
public class UnknownModelException extends RuntimeException {

    public UnknownModelException(String model, List<String> known) {
        super("Unknown model '" + model + "'. Available: " + (known.isEmpty() ? "none (no chat endpoint configured;"
                + " answers are extractive)" : String.join(", ", known)) + ".");
    }
}
