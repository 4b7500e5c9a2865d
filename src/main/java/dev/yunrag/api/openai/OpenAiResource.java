package dev.yunrag.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.answer.AnswerStreamer;
import dev.yunrag.answer.AskRequest;
import dev.yunrag.api.ErrorMapping;
import dev.yunrag.api.OpenAiErrorRenderer;
import dev.yunrag.config.YunragConfig;
import dev.yunrag.embed.TokenCounters;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.security.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * An OpenAI-compatible face for chat clients (Open WebUI, LangChain, the openai SDKs): the model id picks collection
 * and answer model ({@link ModelRoute}); answers carry [n] markers in the content and the sources in the message's
 * {@code yunrag} extension. Errors, unknown paths and methods under /v1 included, come in OpenAI's error shape:
 * {@code api.ApiExceptionMapper} picks the renderer by path.
 */
@Path("/v1")
public class OpenAiResource {

    private static final Logger LOG = Logger.getLogger(OpenAiResource.class);
    private static final long STARTED = System.currentTimeMillis() / 1000;

    @Inject
    AnswerService answers;

    @Inject
    AnswerStreamer streamer;

    @Inject
    CollectionCatalog collections;

    @Inject
    YunragConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    AccessPolicy access;

    @Inject
    TokenCounters tokenCounters;

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenAI model list: yunrag, yunrag:<collection> and yunrag:<collection>:<answer model>")
    public ModelList models() {
        java.util.List<String> ids = new java.util.ArrayList<>(
                ModelRoute.ids(access.visible(collections.names()), answers.models().names()));
        if (!access.allows(null)) {
            ids.remove(ModelRoute.PREFIX); // plain "yunrag" means the default collection
        }
        return ModelList.of(ids, STARTED);
    }

    @GET
    @Path("/models/{model}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One OpenAI model: 404 model_not_found when the id names no collection or answer model")
    public ModelList.Model model(@PathParam("model") String model) {
        ModelRoute route = ModelRoute.resolve(model, config.defaultCollection(), collections, answers.models(),
                grants());
        return ModelList.of(java.util.List.of(route.id()), STARTED).data().getFirst();
    }

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    @Operation(summary = "OpenAI chat completion (stream: true for chat.completion.chunk events) with citations")
    public Response chatCompletions(ChatCompletionRequest body) {
        if (body == null) {
            throw OpenAiException.invalid("invalid_request", "A JSON request body is required.");
        }
        Conversation conversation = Conversation.of(body.messages());
        ModelRoute route = ModelRoute.resolve(body.model(), config.defaultCollection(), collections,
                answers.models(), grants());
        AskRequest request = new AskRequest(conversation.question(), route.collection(), conversation.history(),
                route.answerModel(), body.topK(), SearchFilter.NONE,
                dev.yunrag.answer.QuestionImage.fromDataUris(conversation.images()));
        CompletionMapper mapper = new CompletionMapper(route.id(), conversation.question(),
                tokenCounters.forModel(collections.find(route.collection())
                        .map(index -> index.settings().embeddingModel()).orElse(null)));
        if (!body.isStream()) {
            return Response.ok(mapper.completion(answers.ask(request)), MediaType.APPLICATION_JSON_TYPE).build();
        }
        // Validation and retrieval happen before the first byte, so their errors still get a proper status.
        AnswerService.Prepared prepared = streamer.prepare(request);
        StreamingOutput events = out -> {
            CompletionChunkWriter writer = new CompletionChunkWriter(out, json, mapper);
            try {
                streamer.stream(prepared, writer);
            } catch (UncheckedIOException e) {
                LOG.debugf("Stream to the client ended early: %s", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Streamed completion failed", e);
                writer.error(OpenAiErrorRenderer.body(ErrorMapping.internalError(
                        "The answer failed part-way; the details are in the server log.")));
            }
        };
        return Response.ok(events, MediaType.SERVER_SENT_EVENTS_TYPE).header("Cache-Control", "no-cache").build();
    }

    private ModelRoute.Grants grants() {
        return new ModelRoute.Grants() {
            @Override
            public void check(String collection) {
                access.collection(collection);
            }

            @Override
            public java.util.List<String> visible(java.util.List<String> names) {
                return access.visible(names);
            }
        };
    }
}
