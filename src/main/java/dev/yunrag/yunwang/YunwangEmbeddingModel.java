package dev.yunrag.yunwang;

import dev.yunrag.util.Futures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.DimensionAwareEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.yunrag.yunwang.YunwangException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * bge-large-zh-v1.5 (or another model) behind {@code POST /v1/embeddings}. Texts are sent in batches, several batches
 * at once up to the endpoint's concurrency bound; vectors are taken in response order (the documented response has
 * no {@code index}) and each one's length is checked, since a vector of the wrong size would corrupt the index.
 *
 * <p>The document shows only {@code "input": "one text"}. Arrays are tried first because they are much faster; if
 * the server refuses them (400/422) or answers with fewer vectors than inputs, the model switches to one text per
 * request for the rest of its life.
 *
 * <p>Queries: bge recommends an instruction prefix on the query side only; {@link #embedQuery} adds it,
 * {@link #embed(String)} and {@link #embedAll} do not (they are for passages).
 */
public class YunwangEmbeddingModel extends DimensionAwareEmbeddingModel {

    private static final Logger LOG = Logger.getLogger(YunwangEmbeddingModel.class);
    static final String PATH = "/v1/embeddings";

    private final YunwangHttp http;
    private final String model;
    private final int expectedDimension;
    private final int batchSize;
    private final String queryInstruction;
    private final UnaryOperator<String> truncation;
    private volatile boolean singleTextOnly;

    /**
     * @param truncation       cuts each input to the model's token limit (see {@link TokenTruncator}); identity to
     *                         send texts as they are
     * @param queryInstruction prefix for {@link #embedQuery}; empty for none
     */
    public YunwangEmbeddingModel(YunwangHttp http, String model, int expectedDimension, int batchSize,
            String queryInstruction, UnaryOperator<String> truncation) {
        if (expectedDimension < 1 || batchSize < 1) {
            throw new IllegalArgumentException("dimension and batch size must be positive");
        }
        this.http = http;
        this.model = model;
        this.expectedDimension = expectedDimension;
        this.batchSize = batchSize;
        this.queryInstruction = queryInstruction == null ? "" : queryInstruction;
        this.truncation = truncation;
        this.dimension = expectedDimension;
    }

    /** Truncates to {@code maxTokens} with the bge BERT-Chinese tokenizer. */
    public static UnaryOperator<String> bgeTruncation(Supplier<TokenTruncator> tokenizer, int maxTokens) {
        return text -> tokenizer.get().truncate(text, maxTokens);
    }

    @Override
    public String modelName() {
        return model;
    }

    @Override
    protected Integer knownDimension() {
        return expectedDimension;
    }

    /** Whether the server was found to refuse array inputs (then every text is its own request). */
    public boolean singleTextOnly() {
        return singleTextOnly;
    }

    /** Embeds a search query, with the query instruction in front (bge's recommendation for short queries). */
    public Response<Embedding> embedQuery(String query) {
        return embed(queryInstruction + query);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> texts = segments.stream().map(segment -> truncation.apply(segment.text())).toList();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += batchSize) {
            batches.add(texts.subList(from, Math.min(texts.size(), from + batchSize)));
        }
        List<Embedding> embeddings = new ArrayList<>(texts.size());
        if (batches.size() <= 1) {
            batches.forEach(batch -> embeddings.addAll(embedBatch(batch)));
            return Response.from(embeddings);
        }
        // Virtual threads are cheap; the endpoint's semaphore is what bounds the calls in flight.
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Embedding>>> futures = batches.stream()
                    .map(batch -> executor.submit(() -> embedBatch(batch)))
                    .toList();
            for (Future<List<Embedding>> future : futures) {
                embeddings.addAll(Futures.await(future));
            }
        }
        return Response.from(embeddings);
    }

    private List<Embedding> embedBatch(List<String> texts) {
        if (singleTextOnly || texts.size() == 1) {
            return texts.stream().map(this::embedSingle).toList();
        }
        try {
            List<Embedding> vectors = vectors(http.postJson(PATH, body(arrayOf(texts))));
            if (vectors.size() == texts.size()) {
                return vectors;
            }
            LOG.warnf("云网 embedding: %d vectors for %d inputs; sending one text per request from now on",
                    vectors.size(), texts.size());
        } catch (YunwangException e) {
            if (e.kind() != Kind.BAD_REQUEST || (e.status() != 400 && e.status() != 422)) {
                throw e;
            }
            LOG.warnf("云网 embedding: array input refused (HTTP %d); sending one text per request from now on",
                    e.status());
        }
        singleTextOnly = true;
        return texts.stream().map(this::embedSingle).toList();
    }

    private Embedding embedSingle(String text) {
        List<Embedding> vectors = vectors(http.postJson(PATH, body(YunwangHttp.JSON.getNodeFactory().textNode(text))));
        if (vectors.size() != 1) {
            throw http.malformed("expected 1 vector, got " + vectors.size());
        }
        return vectors.getFirst();
    }

    private ObjectNode body(JsonNode input) {
        ObjectNode body = YunwangHttp.JSON.createObjectNode();
        body.put("model", model);
        body.set("input", input);
        return body;
    }

    private static ArrayNode arrayOf(List<String> texts) {
        ArrayNode array = YunwangHttp.JSON.createArrayNode();
        texts.forEach(array::add);
        return array;
    }

    private List<Embedding> vectors(JsonNode response) {
        JsonNode data = response.get("data");
        if (data == null || !data.isArray()) {
            throw http.malformed("no data array in the embeddings response");
        }
        List<Embedding> vectors = new ArrayList<>(data.size());
        for (JsonNode item : data) {
            JsonNode values = item.get("embedding");
            if (values == null || !values.isArray()) {
                throw http.malformed("a data item has no embedding array");
            }
            if (values.size() != expectedDimension) {
                throw http.malformed("expected " + expectedDimension + " dims, got " + values.size());
            }
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                JsonNode value = values.get(i);
                if (!value.isNumber()) {
                    throw http.malformed("embedding value " + i + " is not a number");
                }
                vector[i] = value.floatValue();
            }
            vectors.add(Embedding.from(vector));
        }
        return vectors;
    }
}
