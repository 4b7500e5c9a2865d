package dev.yunrag.api;

/**
 * A refusal that already knows its HTTP status and stable {@code code} (the OpenAI-compatible endpoint's checks
 * throw these): {@link ErrorMapping} passes both through and takes the title from the status.
 */
public class CodedException extends RuntimeException {

    private final int status;
    private final String code;

    public CodedException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
