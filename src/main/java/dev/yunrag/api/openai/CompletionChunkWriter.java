package dev.yunrag.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.answer.Answer;
import dev.yunrag.answer.AnswerEvents;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.api.OpenAiError;
import dev.yunrag.retrieve.RetrievalResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a streamed answer as OpenAI server-sent events: {@code data: <chunk JSON>} blocks (role first, then content
 * and reasoning_content deltas, then the final chunk with citations) and {@code data: [DONE]}. Each event is flushed
 * at once so that clients see tokens as they come.
 */
public class CompletionChunkWriter implements AnswerEvents {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final ObjectMapper json;
    private final CompletionMapper mapper;

    public CompletionChunkWriter(OutputStream out, ObjectMapper json, CompletionMapper mapper) {
        this.out = out;
        this.json = json;
        this.mapper = mapper;
    }

    @Override
    public void sources(AnswerService.Prepared prepared, RetrievalResult retrieval) {
        send(mapper.roleChunk());
    }

    @Override
    public void answerDelta(String text) {
        if (text != null && !text.isEmpty()) {
            send(mapper.contentChunk(text));
        }
    }

    @Override
    public void reasoningDelta(String text) {
        if (text != null && !text.isEmpty()) {
            send(mapper.reasoningChunk(text));
        }
    }

    @Override
    public void done(Answer answer) {
        send(mapper.finalChunk(answer));
        write(DONE);
    }

    /** An error after the stream began: OpenAI sends it as one more data event, without [DONE]. */
    public void error(OpenAiError error) {
        send(error);
    }

    private void send(Object event) {
        try {
            write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a completion chunk", e);
        }
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The client closed the stream", e);
        }
    }
}
