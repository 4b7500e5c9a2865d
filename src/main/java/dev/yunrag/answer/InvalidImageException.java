package dev.yunrag.answer;

/** An image sent with a question cannot be used (not a data URI, a type not read, undecodable): a 400. */
public class InvalidImageException extends RuntimeException {

    public InvalidImageException(String message) {
        super(message);
    }
}
