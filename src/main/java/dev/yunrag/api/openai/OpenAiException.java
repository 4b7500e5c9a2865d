package dev.yunrag.api.openai;

/** An error to report in OpenAI's shape: HTTP status, error type and code. */
public class OpenAiException extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String SERVER_ERROR = "server_error";

    private final int status;
    private final String type;
    private final String code;

    public OpenAiException(int status, String type, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public static OpenAiException modelNotFound(String message) {
        return new OpenAiException(404, INVALID_REQUEST, "model_not_found", message);
    }

    public static OpenAiException invalid(String code, String message) {
        return new OpenAiException(400, INVALID_REQUEST, code, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }
}
