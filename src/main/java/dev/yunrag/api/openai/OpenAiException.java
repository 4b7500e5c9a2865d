package dev.yunrag.api.openai;

import dev.yunrag.api.CodedException;

/**
 * A refusal of the OpenAI-compatible endpoint with OpenAI's code ({@code model_not_found}, {@code invalid_messages},
 * ...); rendered like every error by {@code api.ApiExceptionMapper}, whose OpenAI renderer derives OpenAI's error
 * {@code type} from the status.
 */
public class OpenAiException extends CodedException {

    public OpenAiException(int status, String code, String message) {
        super(status, code, message);
    }

    public static OpenAiException modelNotFound(String message) {
        return new OpenAiException(404, "model_not_found", message);
    }

    public static OpenAiException invalid(String code, String message) {
        return new OpenAiException(400, code, message);
    }
}
