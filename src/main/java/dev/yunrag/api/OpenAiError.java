package dev.yunrag.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}: the OpenAI-compatible endpoint uses it
 * instead of the problem+json of {@code /api} because OpenAI client libraries parse this shape.
 */
public record OpenAiError(Body error) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String message, String type, String param, String code) {
    }
}
