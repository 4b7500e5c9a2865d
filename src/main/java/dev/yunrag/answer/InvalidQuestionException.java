package dev.yunrag.answer;

/** The question is empty or too long. */
public class InvalidQuestionException extends RuntimeException {

    public InvalidQuestionException(String message) {
        super(message);
    }
}
