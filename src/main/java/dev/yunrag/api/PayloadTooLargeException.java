package dev.yunrag.api;

/** A guard's refusal of a body over a configured size (413 {@code payload_too_large}), before it is read. */
public class PayloadTooLargeException extends RuntimeException {

    /**
     * @param what    the body refused, as the message names it ("request body", "JSON body")
     * @param setting the configuration key that sets {@code limit}
     */
    public PayloadTooLargeException(String what, long length, long limit, String setting) {
        super("The " + what + " has " + length + " bytes; at most " + limit + " are accepted (" + setting + ").");
    }
}
