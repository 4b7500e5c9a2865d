package dev.yunrag.api.dify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.security.AccessDeniedException;
import dev.yunrag.security.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Dify's external knowledge API: register {@code http://HOST:PORT/api/dify} in Dify, which appends
 * {@code /retrieval}. {@code knowledge_id} names the collection. Errors come in Dify's shape ({@link DifyError}),
 * so this resource authenticates itself instead of leaving it to the REST guard.
 */
@Path("/api/dify")
public class DifyRetrievalResource {

    private static final Logger LOG = Logger.getLogger(DifyRetrievalResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOP_K = 100;
    private static final int MAX_QUERY_CHARS = 2000;

    @Inject
    HybridRetriever retriever;

    @Inject
    CollectionCatalog collections;

    @Inject
    EmbedderRegistry embedders;

    @Inject
    AccessPolicy access;

    @Context
    UriInfo uri;

    /** The response: the passages, best first. */
    public record Records(List<DifyRecord> records) {
    }

    @POST
    @Path("/retrieval")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dify external knowledge API: passages for a query from the collection named by knowledge_id")
    public Response retrieval(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        try {
            authenticate(authorization);
            JsonNode request = parse(body);
            String collection = text(request, "knowledge_id");
            String query = text(request, "query");
            if (query.length() > MAX_QUERY_CHARS) {
                throw new DifyError.Invalid("query has " + query.length() + " characters; at most " + MAX_QUERY_CHARS);
            }
            JsonNode setting = request.path("retrieval_setting");
            if (!setting.isMissingNode() && !setting.isNull() && !setting.isObject()) {
                throw new DifyError.Invalid("retrieval_setting must be an object {top_k, score_threshold}.");
            }
            int topK = topK(setting.get("top_k"));
            double threshold = threshold(setting.get("score_threshold"));
            SearchFilter filter = Optional.ofNullable(DifyConditions.parse(request.get("metadata_condition")))
                    .map(SearchFilter::of).orElse(SearchFilter.NONE);
            allowed(collection);
            ChunkIndex index = collections.find(collection).orElse(null);
            if (index == null) {
                return new DifyError(DifyError.KNOWLEDGE_NOT_FOUND, "The knowledge base '" + collection
                        + "' does not exist (knowledge_id names a YunRAG collection).").response();
            }
            RetrievalResult result = retriever.retrieve(RetrievalQuery.search(collection, query, topK, filter));
            List<ScoredChunk> head = result.selected();
            List<Double> scores = DifyScores.of(head,
                    embedders.get(index.settings().embeddingModel()), query);
            List<DifyRecord> records = new ArrayList<>();
            for (int i = 0; i < head.size(); i++) {
                if (scores.get(i) >= threshold) {
                    records.add(record(collection, head.get(i), i + 1, scores.get(i)));
                }
            }
            return Response.ok(new Records(records)).type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (DifyError.Invalid | IllegalArgumentException e) {
            return new DifyError(400, e.getMessage()).response();
        } catch (Denied e) {
            return e.error.response();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Dify retrieval failed");
            return new DifyError(500, "Retrieval failed: " + e.getMessage()).response();
        }
    }

    private void authenticate(String authorization) {
        if (!access.enabled()) {
            return;
        }
        if (authorization == null || !authorization.strip().regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.strip().length() <= 7) {
            throw new Denied(new DifyError(DifyError.INVALID_AUTHORIZATION_HEADER,
                    "Invalid Authorization header format. Expected 'Bearer <api-key>' format."));
        }
        try {
            access.authenticate(authorization, false);
        } catch (AccessDeniedException e) {
            throw new Denied(new DifyError(DifyError.AUTHORIZATION_FAILED,
                    "Authorization failed. Please check your API key."));
        }
    }

    private void allowed(String collection) {
        try {
            access.collection(collection);
        } catch (AccessDeniedException e) {
            throw new Denied(new DifyError(DifyError.AUTHORIZATION_FAILED, e.getMessage()));
        }
    }

    private DifyRecord record(String collection, ScoredChunk passage, int rank, double score) {
        var chunk = passage.chunk();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source", passage.source());
        metadata.put("collection", collection);
        metadata.put("document_id", chunk.documentId());
        metadata.put("chunk_id", chunk.chunkId());
        if (chunk.pageStart() != null) {
            metadata.put("page", chunk.pageStart());
            metadata.put("page_end", chunk.pageEnd());
        }
        metadata.put("heading_path", chunk.headingPath());
        metadata.put("content_type", passage.contentType());
        metadata.put("start", chunk.start());
        metadata.put("end", chunk.end());
        metadata.put("rank", rank);
        metadata.put("citation_url", uri.getBaseUriBuilder().path("api/collections").path(collection)
                .path("documents").build() + "/" + URLEncoder.encode(chunk.documentId(), StandardCharsets.UTF_8)
                .replace("+", "%20") + "#chunk=" + chunk.ordinal());
        String title = passage.title() == null || passage.title().isBlank() ? passage.source() : passage.title();
        return new DifyRecord(chunk.text(), score, title, metadata);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new DifyError.Invalid("The request body is empty; send knowledge_id, query and"
                    + " retrieval_setting as JSON.");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new DifyError.Invalid("The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DifyError.Invalid("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new DifyError.Invalid(field + " is required (a non-empty string).");
        }
        return value.asText().strip();
    }

    /** Dify always sends top_k, but reads it from settings that may lack it: null takes our configured top-k. */
    private int topK(JsonNode value) {
        if (value == null || value.isNull()) {
            return retriever.settings().topK();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new DifyError.Invalid("retrieval_setting.top_k must be an integer.");
        }
        int topK = value.asInt();
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new DifyError.Invalid("retrieval_setting.top_k must be between 1 and " + MAX_TOP_K
                    + ", was " + topK + ".");
        }
        return topK;
    }

    /** 0.0 is what Dify sends when its score threshold is off. */
    private static double threshold(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0.0;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw new DifyError.Invalid("retrieval_setting.score_threshold must be a number from 0 to 1.");
        }
        return value.asDouble();
    }

    /** An authorization failure on its way to the response. */
    private static final class Denied extends RuntimeException {
        final DifyError error;

        Denied(DifyError error) {
            super(error.errorMsg());
            this.error = error;
        }
    }
}
