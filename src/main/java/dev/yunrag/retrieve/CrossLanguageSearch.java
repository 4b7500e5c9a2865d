package dev.yunrag.retrieve;

import dev.yunrag.text.TextLanguage;

import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.EmbedderRegistry;
import dev.yunrag.embed.VectorMath;
import dev.yunrag.model.ScoredChunk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dense search for a question whose collection is mostly in the other language (an English question over Chinese
 * documents, or the reverse). bge-small-zh places texts of one language near each other whatever they say: an English
 * question's nearest passages are the collection's few English ones, and its Chinese passages come in no useful order
 * (on sample-corpus, `how many days of annual leave` ranks the 年假 passage 14th of 34, behind every English chunk).
 * The language is a direction in the embedding space, so the question's vector is moved along it: the mean vector of
 * a set of Chinese sentences minus that of their English translations, scaled by {@link #SHIFT}, is added to an
 * English question (subtracted from a Chinese one). Moved, the question finds passages by topic in the collection's
 * language (docs/evaluation.md, "Cross-language questions").
 *
 * <p>The move is made only when at least half of the plain vector candidates are in the other language, i.e. the
 * collection is mostly in it; on a collection in the question's own language nothing changes.
 */
public final class CrossLanguageSearch {

    /** How far along the language direction the question moves (0, 1.0 and 1.5 measured; docs/evaluation.md). */
    static final double SHIFT = 1.5;
    /** Share of the vector candidates in the other language from which the collection counts as in that language. */
    static final double OTHER_LANGUAGE_SHARE = 0.5;
    /** Models whose language direction was measured; others are searched as they are. */
    private static final Set<String> SUPPORTED = Set.of(EmbedderRegistry.BGE_SMALL_ZH);

    /** Parallel sentences (written for this purpose, on everyday topics) that define the language direction. */
    private static final List<String> ENGLISH = List.of(
            "The meeting starts at nine in the morning.", "Please submit the report by Friday.",
            "The weather is cold and rainy today.", "Our company sells smart speakers and software.",
            "Employees must wear their badges in the office.", "The train to Shanghai leaves at noon.",
            "He bought three books at the store.", "The price of the phone is two thousand yuan.",
            "Children should drink more water in summer.", "The hospital is next to the park.",
            "Sales grew by ten percent last year.", "Turn off the lights when you leave the room.",
            "The password must contain at least twelve characters.", "She has worked here for five years.",
            "The restaurant serves lunch from eleven to one.", "How do I reset the device?",
            "Who is responsible for the project?", "What time does the library close?");
    private static final List<String> CHINESE = List.of(
            "会议上午九点开始。", "请在周五之前提交报告。", "今天天气寒冷，还下着雨。", "我们公司销售智能音箱和软件。",
            "员工在办公室必须佩戴工牌。", "去上海的火车中午出发。", "他在书店买了三本书。", "这部手机的价格是两千元。",
            "夏天孩子们应该多喝水。", "医院在公园旁边。", "去年销售额增长了百分之十。", "离开房间时请关灯。",
            "密码必须至少包含十二个字符。", "她在这里工作了五年。", "餐厅午餐供应时间为十一点到一点。", "如何重置这台设备？",
            "谁负责这个项目？", "图书馆几点关门？");

    private final Map<String, float[]> directions = new ConcurrentHashMap<>();

    /** Whether {@code question}'s collection is mostly in another language, judged by its vector candidates. */
    static boolean applies(String embeddingModel, TextLanguage question, List<ScoredChunk> vectorHits) {
        if (!SUPPORTED.contains(embeddingModel) || question == TextLanguage.NEITHER || vectorHits.isEmpty()) {
            return false;
        }
        long other = vectorHits.stream().filter(hit -> TextLanguage.of(hit.text()).differsFrom(question)).count();
        return other >= OTHER_LANGUAGE_SHARE * vectorHits.size();
    }

    /**
     * The moved question's hits and the plain ones, alternately (moved first), each passage once, at most
     * {@code limit}. The moved search alone would lose the collection's few passages in the question's own language,
     * which may be exactly what was asked about (an English question on the English remote-work policy of a mostly
     * Chinese collection: DifyRetrievalTest); the plain search alone loses the other language's passages.
     */
    static List<ScoredChunk> interleave(List<ScoredChunk> moved, List<ScoredChunk> plain, int limit) {
        Map<String, ScoredChunk> merged = new LinkedHashMap<>();
        for (int i = 0; i < Math.max(moved.size(), plain.size()) && merged.size() < limit; i++) {
            if (i < moved.size()) {
                merged.putIfAbsent(moved.get(i).chunkId(), moved.get(i));
            }
            if (i < plain.size() && merged.size() < limit) {
                merged.putIfAbsent(plain.get(i).chunkId(), plain.get(i));
            }
        }
        // Each list ranked its own hits from 1: the merged list's ranks are what fusion and the rank trace read.
        List<ScoredChunk> ranked = new java.util.ArrayList<>(merged.size());
        for (ScoredChunk hit : merged.values()) {
            ranked.add(hit.withTrace(hit.trace().withVector(ranked.size() + 1, hit.trace().vectorScore())));
        }
        return List.copyOf(ranked);
    }

    /** The question's vector moved towards the other language (unit length). */
    float[] shifted(Embedder embedder, float[] queryVector, TextLanguage question) {
        float[] direction = directions.computeIfAbsent(embedder.id(), id -> direction(embedder));
        double sign = question == TextLanguage.ENGLISH ? SHIFT : -SHIFT;
        float[] moved = new float[queryVector.length];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = (float) (queryVector[i] + sign * direction[i]);
        }
        return VectorMath.normalized(moved);
    }

    /** Mean of the Chinese sentences minus mean of the English ones, both embedded as queries. */
    private static float[] direction(Embedder embedder) {
        float[] chinese = mean(embedder, CHINESE);
        float[] english = mean(embedder, ENGLISH);
        float[] direction = new float[chinese.length];
        for (int i = 0; i < direction.length; i++) {
            direction[i] = chinese[i] - english[i];
        }
        return direction;
    }

    private static float[] mean(Embedder embedder, List<String> sentences) {
        List<float[]> vectors = embedder.embedDocuments(sentences.stream().map(s -> embedder.queryPrefix() + s)
                .toList());
        float[] mean = new float[embedder.dimension()];
        for (float[] vector : vectors) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += vector[i] / vectors.size();
            }
        }
        return mean;
    }
}
