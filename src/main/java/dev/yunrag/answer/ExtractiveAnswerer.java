package dev.yunrag.answer;

import dev.yunrag.text.Language;

import dev.yunrag.text.LexicalTerms;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.yunrag.text.SentenceSplitter;
import dev.yunrag.model.Citation;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers without a chat model by quoting the sentences of the top passages that best answer the question, each
 * followed by the [n] of its passage.
 *
 * <p>A sentence is scored on: how much of the question's content it covers (lexical overlap weighted by how rare each
 * term is among the candidate sentences); optionally how close its embedding is to the question's; the rank of its
 * passage; and whether it adds something the question lacks. The last matters because the answer sentence usually
 * repeats the question's terms and adds the missing fact ("黑豹队的防守只丢了 308分"), while a sentence that only
 * restates the question answers nothing. See docs/extractive-answers.md for the measurements behind the weights.
 */
public final class ExtractiveAnswerer implements PassageAnswerer {

    public static final int DEFAULT_MAX_SENTENCES = 3;
    /** Passages below this rank are not read: retrieval put them there for a reason, and they cost embedding time. */
    public static final int DEFAULT_MAX_PASSAGES = 5;
    /** No cap of its own: every passage handed in is read (the answer service's, whose request topK decides). */
    public static final int ALL_PASSAGES = Integer.MAX_VALUE;
    /**
     * Only this many candidate sentences, the best by every signal but the embedding, are embedded and can be quoted.
     * Embedding is the whole cost of an extractive answer (five passages hold ~50-100 sentences: 0.3-1 s of the
     * in-process model per question on a quiet core, tens of seconds under load), and a sentence that shares little
     * with the question and ranks low on the other signals is rarely the answer. See docs/extractive-answers.md.
     */
    public static final int DEFAULT_MAX_EMBEDDED_SENTENCES = 12;

    /**
     * Part of the lexical score that comes from single ideographs rather than bigrams: a one-character change of
     * wording (演唱 in the question, 献唱 in the text) loses the whole bigram but keeps the character.
     */
    private static final double IDEOGRAPH_SHARE = 0.3;

    /** Fragments shorter than this (e.g. a lone heading "简介") cannot answer anything. */
    private static final int MIN_SENTENCE_CHARS = 6;

    /**
     * How much each signal counts, and how close to the best sentence's score another must come to be quoted too
     * (a weak second sentence dilutes a good answer). Lexical overlap and cosine both live in [0, 1]; the other three are tie-breakers
     * worth a fraction of a full overlap.
     */
    record Weights(double lexical, double semantic, double rank, double novelty, double expectedFact,
                   double relativeFloor) {
        static final Weights DEFAULT = new Weights(1.0, 1.0, 0.1, 0.15, 0.2, 0.8);
    }
    /**
     * Credit for holding the question's own numbers and names ({@link QuestionKeyTerms}), as a share of them: what
     * tells "第 49 届超级碗" from "第 33 届超级碗" when both cover the rest of the question. Chosen on the dev sets
     * (docs/evaluation.md, "Second round").
     */
    static final double KEY_NUMBER_WEIGHT = 0.3;
    static final double KEY_NAME_WEIGHT = 0.1;
    /** How many of the best sentences are asked whether they support an answer (see {@link #extract}). */
    private static final int SUPPORT_CANDIDATES = 2;
    private static final Pattern ASKS_FOR_NUMBER = Pattern.compile(
            "多少|几|哪一年|哪年|何时|什么时候|哪一天|年份|日期|数量|百分之|多高|多大|多长|多远|多重|多久|"
                    + "(?i)\\b(how many|how much|how long|how old|how tall|how high|how far|how big|how large"
                    + "|what year|when|what percentage)\\b");
    private static final Pattern NUMBER = Pattern.compile("[0-9０-９]+|[〇零二三四五六七八九十百千万亿两]+");
    private static final Pattern ASKS_FOR_NAME = Pattern.compile(
            "谁|哪位|哪个人|哪支|哪家|叫什么|名字|名称|(?i)\\b(who|whom|whose|which|what is the name)\\b");
    /**
     * What a name looks like without a named-entity model: a transliterated name joined by "·" (卡万·肖特), a
     * capitalised English word not opening the sentence, or a title in 《》.
     */
    private static final Pattern NAME = Pattern.compile(
            "\\p{IsHan}+(?:·\\p{IsHan}+)+|(?<=\\S\\s)\\p{Lu}[\\p{L}'’-]+|《[^》]+》");

    /** Markdown emphasis inside a quoted sentence: shown without it (the highlight still covers the source span). */
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|`");

    private final EmbeddingModel embeddingModel;
    private final int maxSentences;
    private final int maxPassages;
    private final Weights weights;
    private final int maxEmbeddedSentences;

    /**
     * @param embeddingModel for semantic similarity, or null to score on words alone
     * @param maxSentences   most sentences in an answer
     * @param maxPassages    how many of the top passages to read
     */
    public ExtractiveAnswerer(EmbeddingModel embeddingModel, int maxSentences, int maxPassages) {
        this(embeddingModel, maxSentences, maxPassages, Weights.DEFAULT);
    }

    /**
     * @param maxEmbeddedSentences how many sentences, shortlisted on every signal but the embedding, are embedded
     *                             and compete for the answer (at least {@code maxSentences})
     */
    public ExtractiveAnswerer(EmbeddingModel embeddingModel, int maxSentences, int maxPassages,
                              int maxEmbeddedSentences) {
        this(embeddingModel, maxSentences, maxPassages, Weights.DEFAULT, maxEmbeddedSentences);
    }

    /** With other weights: for the measurements that chose the defaults. */
    ExtractiveAnswerer(EmbeddingModel embeddingModel, int maxSentences, int maxPassages, Weights weights) {
        this(embeddingModel, maxSentences, maxPassages, weights, DEFAULT_MAX_EMBEDDED_SENTENCES);
    }

    /** @param maxEmbeddedSentences how many sentences, shortlisted without embeddings, are embedded and compete */
    ExtractiveAnswerer(EmbeddingModel embeddingModel, int maxSentences, int maxPassages, Weights weights,
                       int maxEmbeddedSentences) {
        if (maxSentences < 1 || maxPassages < 1 || maxEmbeddedSentences < maxSentences) {
            throw new IllegalArgumentException("maxSentences and maxPassages must be at least 1, and at least"
                    + " maxSentences sentences must be embedded");
        }
        this.embeddingModel = embeddingModel;
        this.maxSentences = maxSentences;
        this.maxPassages = maxPassages;
        this.weights = weights;
        this.maxEmbeddedSentences = maxEmbeddedSentences;
    }

    public ExtractiveAnswerer(EmbeddingModel embeddingModel) {
        this(embeddingModel, DEFAULT_MAX_SENTENCES, DEFAULT_MAX_PASSAGES);
    }

    public ExtractiveAnswerer() {
        this(null);
    }

    /**
     * @param question       the (standalone) question
     * @param rankedPassages retrieved passages, best first; [n] in the answer is {@code rankedPassages.get(n - 1)}
     * @return the quoted sentences with citations and their highlights, or the "not found" sentence in the question's
     * language with no citations
     */
    @Override
    public CitedAnswer answer(String question, List<ScoredChunk> rankedPassages) {
        return extract(question, rankedPassages).answer();
    }

    /**
     * A sentence that competed for the answer, with its scores (for measurements: {@code eval --details}).
     *
     * @param passageRank 0-based rank of its passage
     * @param coverage    plain share of the question's content terms it contains
     * @param cosine      embedding cosine with the question, NaN without an embedding model
     */
    public record ScoredSentence(int passageRank, String text, double score, double coverage, double cosine) {
    }

    /** The answer and the sentences that competed for it, best first. */
    public record Extraction(CitedAnswer answer, List<ScoredSentence> ranked) {
    }

    /** As {@link #answer}, with the competing sentences and their scores. */
    public Extraction extract(String question, List<ScoredChunk> rankedPassages) {
        List<Candidate> candidates = candidates(rankedPassages);
        if (candidates.isEmpty()) {
            return new Extraction(CitedAnswer.notAnswered(question), List.of());
        }
        List<Candidate> ranked = score(question, candidates).stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> c.score).reversed()).toList();
        List<ScoredSentence> scored = ranked.stream()
                .map(c -> new ScoredSentence(c.passageRank, c.text, c.score, c.coverage, c.cosine)).toList();
        // Whether one of the two best sentences supports an answer, not only the first: the key-term credit can put a
        // sentence with less overall support first, which must not turn an answer into "not found".
        UnseenKeyTerms unseen = UnseenKeyTerms.of(question, rankedPassages.stream().limit(maxPassages)
                .map(ScoredChunk::text).toList());
        boolean supported = ranked.stream().limit(SUPPORT_CANDIDATES)
                .anyMatch(c -> AbstentionPolicy.supportsAnswer(c.coverage, c.cosine, c.passageRank, unseen));
        // Rows that do not match the question's row values, and a table's lead-in, leave the race before the choice:
        // chosen after it, a lead-in scored like the row it introduces took the answer alone.
        List<Candidate> chosen = supported
                ? choose(question, TableRowFilter.keepMatchingRows(question, ranked, c -> c.text)) : List.of();
        if (chosen.isEmpty()) {
            return new Extraction(CitedAnswer.notAnswered(question), scored);
        }
        return new Extraction(render(question, chosen, rankedPassages), scored);
    }

    /** Sentences of the top passages, longer than a fragment, each once (passages often overlap). */
    private List<Candidate> candidates(List<ScoredChunk> passages) {
        List<Candidate> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int rank = 0; rank < Math.min(maxPassages, passages.size()); rank++) {
            String text = passages.get(rank).text();
            List<String> headings = passages.get(rank).chunk().headingPath();
            for (SentenceSplitter.Span whole : SentenceSplitter.split(text)) {
                var quotable = QuotableSentence.of(text, whole, headings);
                if (quotable.isEmpty()) {
                    continue;
                }
                SentenceSplitter.Span span = quotable.get();
                String sentence = EMPHASIS.matcher(text.substring(span.start(), span.end())).replaceAll("");
                if (sentence.codePointCount(0, sentence.length()) < MIN_SENTENCE_CHARS
                        || !seen.add(sentence.replaceAll("\\s+", ""))) {
                    continue;
                }
                List<String> terms = LexicalTerms.of(sentence);
                if (!terms.isEmpty()) {
                    candidates.add(new Candidate(rank, span, sentence, new HashSet<>(terms)));
                }
            }
        }
        return candidates;
    }

    /**
     * Scores every candidate on words, then, with an embedding model, embeds the best {@link #maxEmbeddedSentences}
     * of them and adds their cosine; returns the candidates that compete for the answer (all, or that shortlist).
     */
    private List<Candidate> score(String question, List<Candidate> candidates) {
        Set<String> questionTerms = LexicalTerms.ofQuestion(question);
        Map<String, Double> idf = inverseFrequencies(questionTerms, candidates);
        double questionWeight = questionTerms.stream().mapToDouble(idf::get).sum();
        boolean wantsNumber = ASKS_FOR_NUMBER.matcher(question).find();
        boolean wantsName = ASKS_FOR_NAME.matcher(question).find();
        QuestionKeyTerms keyTerms = QuestionKeyTerms.of(question);
        String lowerQuestion = question.toLowerCase(Locale.ROOT);
        Set<Integer> questionIdeographs = new HashSet<>();
        LexicalTerms.withoutQuestionWords(question).codePoints().filter(Language::isCjk)
                .forEach(questionIdeographs::add);
        for (Candidate c : candidates) {
            double shared = 0;
            int sharedTerms = 0;
            for (String term : questionTerms) {
                if (c.terms.contains(term)) {
                    shared += idf.get(term);
                    sharedTerms++;
                }
            }
            double bigramShare = questionWeight == 0 ? 0 : shared / questionWeight;
            if (questionIdeographs.isEmpty()) {
                c.lexical = bigramShare;
            } else {
                long found = questionIdeographs.stream().filter(ch -> c.text.indexOf(ch) >= 0).count();
                c.lexical = (1 - IDEOGRAPH_SHARE) * bigramShare
                        + IDEOGRAPH_SHARE * found / questionIdeographs.size();
            }
            c.coverage = questionTerms.isEmpty() ? 0 : (double) sharedTerms / questionTerms.size();
            long newTerms = c.terms.stream().filter(t -> !questionTerms.contains(t)).count();
            double novelty = (double) newTerms / c.terms.size();
            boolean addsFact = wantsNumber && addsMatch(NUMBER, c.text, lowerQuestion)
                    || wantsName && addsMatch(NAME, c.text, lowerQuestion);
            c.score = weights.lexical() * c.lexical
                    + weights.rank() / (1 + c.passageRank)
                    + weights.novelty() * novelty
                    + (addsFact ? weights.expectedFact() : 0)
                    + KEY_NUMBER_WEIGHT * keyTerms.numberShare(c.text)
                    + KEY_NAME_WEIGHT * keyTerms.nameShare(c.text);
        }
        if (embeddingModel == null) {
            return candidates;
        }
        List<Candidate> shortlist = candidates.stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> c.score).reversed())
                .limit(maxEmbeddedSentences)
                .toList();
        float[] cosines = cosines(question, shortlist);
        for (int i = 0; i < shortlist.size(); i++) {
            Candidate c = shortlist.get(i);
            c.cosine = cosines[i];
            c.score += weights.semantic() * c.cosine;
        }
        return shortlist;
    }

    /**
     * Smoothed idf over the candidate sentences: a term in every sentence says nothing about which one answers. The
     * +1s keep a question term that no sentence has from outweighing the ones that are there when there are only a
     * few sentences to count over.
     */
    private static Map<String, Double> inverseFrequencies(Set<String> terms, List<Candidate> candidates) {
        Map<String, Double> idf = new HashMap<>();
        int total = candidates.size();
        for (String term : terms) {
            long df = candidates.stream().filter(c -> c.terms.contains(term)).count();
            idf.put(term, Math.log(1 + (total + 1.0) / (df + 1.0)));
        }
        return idf;
    }

    private float[] cosines(String question, List<Candidate> candidates) {
        List<TextSegment> segments = new ArrayList<>(candidates.size() + 1);
        segments.add(TextSegment.from(question));
        candidates.forEach(c -> segments.add(TextSegment.from(c.text)));
        List<Embedding> embeddings = embeddingModel.embedAll(segments).content();
        float[] q = embeddings.getFirst().vector();
        float[] cosines = new float[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            cosines[i] = cosine(q, embeddings.get(i + 1).vector());
        }
        return cosines;
    }

    private static float cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : (float) (dot / Math.sqrt(na * nb));
    }

    /**
     * The sentences to quote, once a sentence supports an answer ({@link AbstentionPolicy}): the best and those about
     * the question that score close to it (0.8 of its score: a weak second sentence is padding that a reader takes
     * for part of the answer) and hold a question term that the sentences before them do not ({@link RequiredTerms}).
     */
    private List<Candidate> choose(String question, List<Candidate> ranked) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        Candidate top = ranked.getFirst();
        RequiredTerms required = new RequiredTerms(LexicalTerms.ofQuestion(question));
        required.quoted(top.terms);
        List<Candidate> chosen = new ArrayList<>(List.of(top));
        for (Candidate c : ranked.subList(1, ranked.size())) {
            if (chosen.size() == maxSentences) {
                break;
            }
            if (AbstentionPolicy.relevant(c.coverage, c.cosine) && c.score >= weights.relativeFloor() * top.score
                    && required.addsTerm(c.terms)) {
                chosen.add(c);
            }
        }
        return chosen;
    }

    /**
     * The sentences in score order: the first [n] of the answer is its best-supported sentence, which is the one a
     * reader (and the UI's first highlight) looks at.
     */
    private static CitedAnswer render(String question, List<Candidate> sentences, List<ScoredChunk> passages) {
        boolean chinese = Language.isChinese(question);
        StringBuilder text = new StringBuilder();
        Map<Integer, Citation> citations = new LinkedHashMap<>();
        List<Highlight> highlights = new ArrayList<>();
        for (Candidate c : sentences) {
            int n = c.passageRank + 1;
            ScoredChunk passage = passages.get(c.passageRank);
            int documentStart = passage.chunk().start() + c.span.start();
            int documentEnd = documentStart + c.span.length();
            // [n] is cited with the page and heading of its first quoted sentence; each highlight carries its own
            citations.computeIfAbsent(n, k -> Citation.ofSentence(k, passage, documentStart, documentEnd));
            highlights.add(Highlight.of(n, passage, documentStart, documentEnd));
            if (!text.isEmpty() && !chinese) {
                text.append(' ');
            }
            text.append(c.text).append(chinese ? "" : " ").append('[').append(n).append(']');
        }
        return new CitedAnswer(text.toString(), List.copyOf(citations.values()), 0, highlights);
    }

    /** Whether the sentence has a number or name (per {@code pattern}) that the question does not already hold. */
    private static boolean addsMatch(Pattern pattern, String sentence, String lowerQuestion) {
        var matcher = pattern.matcher(sentence);
        while (matcher.find()) {
            if (!lowerQuestion.contains(matcher.group().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** A sentence of passage {@code passageRank} (0-based) at {@code span} of the passage text, with its scores. */
    private static final class Candidate {
        final int passageRank;
        final SentenceSplitter.Span span;
        final String text;
        final Set<String> terms;
        double lexical;
        double coverage;
        double cosine = Double.NaN;
        double score;

        Candidate(int passageRank, SentenceSplitter.Span span, String text, Set<String> terms) {
            this.passageRank = passageRank;
            this.span = span;
            this.text = text;
            this.terms = terms;
        }
    }
}
