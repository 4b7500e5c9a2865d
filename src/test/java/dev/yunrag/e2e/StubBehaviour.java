package dev.yunrag.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yunrag.yunwang.YunwangStub;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic but meaningful model behaviour for the stub: embeddings from hashed character uni- and bigrams (texts
 * that share words are near), rerank scores from the query's bigram coverage, and chat replies that quote the prompt's
 * first source and cite it as [1] — with a {@code <think>} block for reasoning models.
 */
final class StubBehaviour {

    static final int DIMENSION = 1024;
    /** Texts containing this make the embedding endpoint fail (to break a batch in the middle of a document). */
    static final String POISON = "【嵌入故障】";
    /** The stub's rewrite of any follow-up question. */
    static final String REWRITTEN = "女员工生育可以享受多少天产假？";
    static final String REASONING = "用户在问资料里的事实，先找到相关的资料[1]再回答。";

    /** Questions the sample corpus cannot answer: the stub's model abstains on them. */
    static final Pattern OUT_OF_CORPUS = Pattern.compile("股票代码|capital of France");
    /** The sentences the system prompt asks for: Chinese, then English. */
    private static final Pattern ABSTAIN_SENTENCE = Pattern.compile(
            "reply exactly \"([^\"]+)\" for a Chinese question or \"([^\"]+)\" for an English");

    private static final Pattern FIRST_SOURCE = Pattern.compile("<source id=\"1\"[^>]*>\\n(.*?)\\n</source>",
            Pattern.DOTALL);

    private StubBehaviour() {
    }

    static void install(YunwangStub stub) {
        stub.dimension(DIMENSION)
                .embeddingFunction(StubBehaviour::embed)
                .rerankScorer(StubBehaviour::coverage)
                .chatResponder(StubBehaviour::reply);
    }

    static double[] embed(String text) {
        if (text.contains(POISON)) {
            throw new IllegalStateException("the stub's embedding model is down for this text");
        }
        double[] vector = new double[DIMENSION];
        String t = text.toLowerCase();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            vector[Math.floorMod(Character.hashCode(c) * 31 + 7, DIMENSION)] += 0.5;
            if (i + 1 < t.length() && !Character.isWhitespace(t.charAt(i + 1))) {
                vector[Math.floorMod(t.substring(i, i + 2).hashCode(), DIMENSION)] += 1.0;
            }
        }
        double norm = 0;
        for (double v : vector) {
            norm += v * v;
        }
        norm = norm == 0 ? 1 : Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
        return vector;
    }

    static double coverage(String query, String document) {
        Set<String> wanted = bigrams(query);
        if (wanted.isEmpty()) {
            return 0;
        }
        Set<String> present = bigrams(document);
        long hits = wanted.stream().filter(present::contains).count();
        return (double) hits / wanted.size();
    }

    private static Set<String> bigrams(String text) {
        Set<String> grams = new HashSet<>();
        String t = text.toLowerCase().replaceAll("\\s+", "");
        for (int i = 0; i + 1 < t.length(); i++) {
            grams.add(t.substring(i, i + 2));
        }
        return grams;
    }

    /** The quoted sentence: the start of the first source, up to its first full stop (at most 60 characters). */
    static String quote(JsonNode request) {
        JsonNode messages = request.path("messages");
        String user = messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asText();
        Matcher m = FIRST_SOURCE.matcher(user);
        if (!m.find()) {
            return null;
        }
        String text = m.group(1).strip().replaceAll("\\s+", " ");
        int stop = text.length();
        for (String mark : List.of("。", "；", "! ", ". ")) {
            int at = text.indexOf(mark);
            if (at > 0 && at < stop) {
                stop = at;
            }
        }
        return text.substring(0, Math.min(stop, 60));
    }

    static YunwangStub.Reply reply(JsonNode request) {
        JsonNode messages = request.path("messages");
        String last = messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asText();
        if (last.contains("Latest question:")) {
            // a follow-up rewrite request: the reply is the standalone question
            return new YunwangStub.Reply(List.of(), List.of(REWRITTEN));
        }
        String question = last.contains("Question: ") ? last.substring(last.lastIndexOf("Question: ")) : "";
        if (OUT_OF_CORPUS.matcher(question).find()) {
            // a model following rule 4 of the prompt: the sources do not answer this, so it says so, cites nothing,
            // with the exact sentence the system prompt asks for, in the question's language
            Matcher rule = ABSTAIN_SENTENCE.matcher(messages.get(0).path("content").asText());
            String sentence = !rule.find() ? "(the prompt asks for no abstention sentence)"
                    : question.contains("France") ? rule.group(2) : rule.group(1);
            return new YunwangStub.Reply(List.of(), List.of(sentence));
        }
        String quote = quote(request);
        if (quote == null) {
            return new YunwangStub.Reply(List.of(), List.of("我是云网智能助手。"));
        }
        List<String> answer = List.of("根据资料，", "“" + quote + "”", "[1]", "。");
        if (request.path("model").asText().startsWith("DeepSeek-R1")) {
            // R1 style: reasoning inline, in <think> tags, before the answer (split across stream chunks).
            return new YunwangStub.Reply(List.of(), concat(List.of("<think>", REASONING, "</think>", "\n\n"), answer));
        }
        return new YunwangStub.Reply(List.of(), answer);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
