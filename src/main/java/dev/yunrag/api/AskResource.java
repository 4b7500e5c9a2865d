package dev.yunrag.api;

import dev.yunrag.answer.Answer;
import dev.yunrag.answer.AnswerEvents;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.answer.AnswerStreamer;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.security.AccessPolicy;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Question answering: a cited answer, whole or streamed. */
@Path("/api/ask")
@Consumes(MediaType.APPLICATION_JSON)
public class AskResource {

    @Inject
    AnswerService answers;

    @Inject
    AnswerStreamer streamer;

    @Inject
    AccessPolicy access;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a question from the collection's documents, with numbered citations")
    public AnswerView ask(AskBody body) {
        return AnswerView.of(answers.ask(allowed(body)));
    }

    /**
     * Server-sent events: {@code sources} (the numbered passages), then {@code delta} (answer text) and
     * {@code reasoning} (a reasoning model's thinking) events, then {@code done} with the complete answer, its
     * citations and timings.
     */
    @POST
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Answer a question, streamed as server-sent events")
    public Multi<OutboundSseEvent> stream(AskBody body, @Context Sse sse) {
        // Validation and retrieval errors are thrown before the first event, so they get a proper 4xx response.
        AnswerService.Prepared prepared = streamer.prepare(allowed(body));
        // The events are emitted from a thread of their own and the framework owns the response: writing and closing
        // an SseEventSink inside this method raced with the framework's own SSE handler, which then failed with
        // "Response has already been written" and logged an error with a stack trace after every stream.
        return Multi.createFrom().emitter(emitter -> Thread.ofVirtual().name("ask-stream").start(() -> {
            try {
                streamer.stream(prepared, new AnswerEvents() {
                    @Override
                    public void sources(AnswerService.Prepared p, RetrievalResult retrieval) {
                        send("sources", Map.of("question", p.standaloneQuestion(), "model",
                                p.model().orElse(Answer.EXTRACTIVE), "sources", PassageView.list(p.prompt().sources())));
                    }

                    @Override
                    public void answerDelta(String text) {
                        send("delta", Map.of("text", text));
                    }

                    @Override
                    public void reasoningDelta(String text) {
                        send("reasoning", Map.of("text", text));
                    }

                    @Override
                    public void done(Answer answer) {
                        send("done", AnswerView.of(answer));
                    }

                    private void send(String name, Object data) {
                        if (!emitter.isCancelled()) {
                            emitter.emit(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                                    .data(data).build());
                        }
                    }
                });
                emitter.complete();
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }

    private dev.yunrag.answer.AskRequest allowed(AskBody body) {
        dev.yunrag.answer.AskRequest request = requireBody(body).toRequest();
        access.collection(request.collection());
        return request;
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw new IllegalArgumentException("A JSON request body is required.");
        }
        return body;
    }
}
