package dev.yunrag.api;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.security.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Retrieval and reranking only, with every passage's rank trace. */
@Path("/api/search")
public class SearchResource {

    /** The search response. */
    public record SearchView(String query, String collection, String reranker, List<PassageView> results,
                             Map<String, Double> timings, List<String> warnings) {
    }

    @Inject
    HybridRetriever retriever;

    @Inject
    YunragConfig config;

    @Inject
    AccessPolicy access;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hybrid retrieval (BM25 + vectors, fused, reranked) with each passage's ranks and scores")
    public SearchView search(SearchBody body) {
        AskResource.requireBody(body);
        if (body.query() == null || body.query().isBlank()) {
            throw new IllegalArgumentException("The query is empty.");
        }
        if (body.query().length() > 2000) {
            throw new IllegalArgumentException("The query has " + body.query().length() + " characters; at most 2000.");
        }
        int topK = body.topK() == null ? 10 : body.topK();
        if (topK < 1 || topK > 100) {
            throw new IllegalArgumentException("topK must be between 1 and 100, was " + topK);
        }
        String collection = access.collection(body.collection());
        RetrievalResult result = retriever.retrieve(RetrievalQuery.search(collection, body.query(), topK,
                Filters.toSearchFilter(body.filters())));
        List<PassageView> results = PassageView.list(result.selected());
        return new SearchView(body.query(), collection, result.reranker(), results, result.timings(),
                result.warnings());
    }
}
