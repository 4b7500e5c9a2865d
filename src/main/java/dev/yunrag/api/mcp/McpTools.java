package dev.yunrag.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yunrag.answer.Answer;
import dev.yunrag.answer.AnswerService;
import dev.yunrag.answer.AskRequest;
import dev.yunrag.api.PassageView;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.Citation;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.retrieve.UnknownCollectionException;
import dev.yunrag.security.AccessDeniedException;
import dev.yunrag.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The MCP tools. A tool that fails on its input (an unknown collection, a forbidden one, an empty question) answers
 * with {@code isError: true} and the reason, so the agent can correct itself; only an unknown tool is a protocol
 * error.
 */
@ApplicationScoped
public class McpTools {

    private static final Logger LOG = Logger.getLogger(McpTools.class);
    private static final int MAX_TOP_K = 50;

    @Inject
    ObjectMapper json;

    @Inject
    CollectionCatalog collections;

    @Inject
    AccessPolicy access;

    @Inject
    HybridRetriever retriever;

    @Inject
    AnswerService answers;

    JsonNode list() {
        ObjectNode result = json.createObjectNode();
        ArrayNode list = result.putArray("tools");
        list.add(tool("list_collections", "List collections",
                "List the document collections this key may read, with their document and chunk counts.",
                schema(Map.of(), List.of())));
        list.add(tool("search", "Search passages",
                "Hybrid search (BM25 keywords + embeddings, fused by reciprocal rank, reranked) over a collection. "
                        + "Returns the passages best first, each with its source, page, heading path and its rank and "
                        + "score at every stage (bm25, vector, fused, rerank).",
                schema(Map.of("query", prop("string", "What to search for (any language)."),
                                "collection", prop("string", "Collection name; the default collection when omitted."),
                                "top_k", prop("integer", "How many passages (1-" + MAX_TOP_K + ", default 5).")),
                        List.of("query"))));
        list.add(tool("ask", "Ask with citations",
                "Answer a question from a collection's documents. The answer cites its sources as [n]; the "
                        + "citations list each source's file, page, heading path and quoted passage.",
                schema(Map.of("question", prop("string", "The question."),
                                "collection", prop("string", "Collection name; the default collection when omitted."),
                                "top_k", prop("integer", "Passages given to the answer step (default: configured).")),
                        List.of("question"))));
        return result;
    }

    JsonNode call(String name, JsonNode arguments) {
        try {
            return switch (name) {
                case "list_collections" -> listCollections();
                case "search" -> search(arguments);
                case "ask" -> ask(arguments);
                default -> throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "Unknown tool: " + name);
            };
        } catch (IllegalArgumentException | AccessDeniedException | UnknownCollectionException e) {
            return error(e.getMessage());
        } catch (JsonRpc.Failure e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "MCP tool %s failed", name);
            return error("The tool failed: " + e.getMessage());
        }
    }

    private JsonNode listCollections() {
        List<Map<String, Object>> rows = access.visible(collections.names()).stream().map(name -> {
            IndexStats stats = collections.find(name).orElseThrow().stats();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("documents", stats.documents());
            row.put("chunks", stats.chunks());
            row.put("embeddingModel", stats.settings().embeddingModel());
            return row;
        }).toList();
        return ok(Map.of("collections", rows));
    }

    private JsonNode search(JsonNode args) {
        String query = required(args, "query");
        int topK = topK(args, 5);
        String collection = access.collection(optional(args, "collection"));
        RetrievalResult result = retriever.retrieve(RetrievalQuery.search(collection, query, topK,
                SearchFilter.NONE));
        List<PassageView> passages = PassageView.list(result.selected());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", query);
        out.put("collection", collection);
        out.put("reranker", result.reranker());
        out.put("results", passages);
        out.put("warnings", result.warnings());
        return ok(out);
    }

    private JsonNode ask(JsonNode args) {
        String question = required(args, "question");
        Integer topK = args.hasNonNull("top_k") ? topK(args, 0) : null;
        String collection = access.collection(optional(args, "collection"));
        Answer answer = answers.ask(new AskRequest(question, collection, List.of(), null, topK, SearchFilter.NONE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answer", answer.answer());
        out.put("mode", answer.mode());
        out.put("model", answer.model());
        out.put("collection", collection);
        out.put("citations", answer.citations());
        out.put("warnings", answer.warnings());
        return result(answerText(answer), json.valueToTree(out), false);
    }

    /** The answer as an agent reads it: the text, then each [n] with where to find it. */
    static String answerText(Answer answer) {
        StringBuilder text = new StringBuilder(answer.answer());
        if (!answer.citations().isEmpty()) {
            text.append("\n\nSources:");
            for (Citation c : answer.citations()) {
                text.append("\n[").append(c.n()).append("] ").append(c.source());
                if (c.page() != null) {
                    text.append(", p. ").append(c.page());
                    if (c.pageEnd() != null && !c.pageEnd().equals(c.page())) {
                        text.append("-").append(c.pageEnd());
                    }
                }
                if (!c.headingPath().isEmpty()) {
                    text.append(" (").append(String.join(" > ", c.headingPath())).append(")");
                }
            }
        }
        answer.warnings().forEach(w -> text.append("\n\nNote: ").append(w));
        return text.toString();
    }

    private ObjectNode tool(String name, String title, String description, ObjectNode inputSchema) {
        ObjectNode tool = json.createObjectNode().put("name", name).put("title", title).put("description", description);
        tool.set("inputSchema", inputSchema);
        tool.putObject("annotations").put("readOnlyHint", true).put("openWorldHint", false);
        return tool;
    }

    private ObjectNode schema(Map<String, ObjectNode> properties, List<String> required) {
        ObjectNode schema = json.createObjectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        properties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> props.set(e.getKey(), e.getValue()));
        ArrayNode req = schema.putArray("required");
        required.forEach(req::add);
        return schema;
    }

    private ObjectNode prop(String type, String description) {
        return json.createObjectNode().put("type", type).put("description", description);
    }

    /** A successful result: the JSON as text (for every client) and as structured content. */
    private JsonNode ok(Object value) {
        JsonNode tree = json.valueToTree(value);
        return result(tree.toPrettyString(), tree, false);
    }

    private JsonNode error(String message) {
        return result(message, null, true);
    }

    private JsonNode result(String text, JsonNode structured, boolean isError) {
        ObjectNode result = json.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        if (structured != null) {
            result.set("structuredContent", structured);
        }
        result.put("isError", isError);
        return result;
    }

    private static String required(JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required (a non-empty string).");
        }
        if (value.asText().length() > 2000) {
            throw new IllegalArgumentException("'" + field + "' has " + value.asText().length()
                    + " characters; at most 2000.");
        }
        return value.asText().strip();
    }

    private static String optional(JsonNode args, String field) {
        JsonNode value = args.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static int topK(JsonNode args, int fallback) {
        JsonNode value = args.get("top_k");
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() < 1 || value.asInt() > MAX_TOP_K) {
            throw new IllegalArgumentException("'top_k' must be an integer from 1 to " + MAX_TOP_K + ", was " + value);
        }
        return value.asInt();
    }
}
