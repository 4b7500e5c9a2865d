package dev.yunrag.yunwang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.model.scoring.ScoringModel;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * bge-reranker-v2-m3 (or another cross-encoder) behind {@code POST /v1/rerank}. The server answers sorted by score
 * with indexes into the documents; {@link ScoringModel} wants one score per input in input order, so {@code top_n} is
 * the number of documents and the indexes are mapped back. A missing or out-of-range index is a malformed response.
 */
public class YunwangScoringModel implements ScoringModel {

    static final String PATH = "/v1/rerank";

    private final YunwangHttp http;
    private final String model;
    private final BiFunction<String, String, String> truncation;

    /**
     * @param truncation given (query, document), returns the document cut so that query and document together fit
     *                   the model's input; {@code (q, d) -> d} to send documents as they are
     */
    public YunwangScoringModel(YunwangHttp http, String model, BiFunction<String, String, String> truncation) {
        this.http = http;
        this.model = model;
        this.truncation = truncation;
    }

    /** Cuts each document so that query + document fit {@code maxTokens} bge tokens (query, two separators). */
    public static BiFunction<String, String, String> bgeTruncation(Supplier<TokenTruncator> tokenizers,
                                                                   int maxTokens) {
        return (query, document) -> {
            TokenTruncator tokenizer = tokenizers.get();
            // [CLS] query [SEP] document [SEP]: the truncator reserves two places, the middle [SEP] takes one more.
            int left = maxTokens - tokenizer.countTokens(query) - 1;
            return tokenizer.truncate(document, Math.max(left, 3));
        };
    }

    public String modelName() {
        return model;
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (segments.isEmpty()) {
            return Response.from(List.of());
        }
        ObjectNode body = YunwangHttp.JSON.createObjectNode();
        body.put("model", model);
        body.put("query", query);
        body.put("top_n", segments.size());
        ArrayNode documents = body.putArray("documents");
        segments.forEach(segment -> documents.add(truncation.apply(query, segment.text())));
        JsonNode response = http.postJson(PATH, body);
        return Response.from(scoresInInputOrder(response, segments.size()), usage(response));
    }

    private List<Double> scoresInInputOrder(JsonNode response, int count) {
        JsonNode results = response.get("results");
        if (results == null || !results.isArray()) {
            throw http.malformed("no results array in the rerank response");
        }
        Double[] scores = new Double[count];
        for (JsonNode result : results) {
            JsonNode index = result.get("index");
            JsonNode score = result.get("relevance_score");
            if (index == null || !index.canConvertToInt() || score == null || !score.isNumber()) {
                throw http.malformed("a result lacks a numeric index or relevance_score");
            }
            int i = index.intValue();
            if (i < 0 || i >= count) {
                throw http.malformed("result index " + i + " out of range for " + count + " documents");
            }
            scores[i] = score.doubleValue();
        }
        for (int i = 0; i < count; i++) {
            if (scores[i] == null) {
                throw http.malformed("no score for document " + i + " of " + count);
            }
        }
        return Arrays.asList(scores);
    }

    private static TokenUsage usage(JsonNode response) {
        JsonNode usage = response.get("usage");
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new TokenUsage(intOrNull(usage.get("prompt_tokens")), 0, intOrNull(usage.get("total_tokens")));
    }

    static Integer intOrNull(JsonNode node) {
        return node != null && node.canConvertToInt() ? node.intValue() : null;
    }
}
