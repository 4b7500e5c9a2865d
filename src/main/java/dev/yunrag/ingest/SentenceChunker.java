package dev.yunrag.ingest;

import dev.yunrag.text.SentenceSplitter;

import dev.yunrag.embed.TokenCounter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.Heading;
import dev.yunrag.model.ParsedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a document into passages of at most {@code maxTokens} model tokens: sentences (Chinese and English, see
 * {@link SentenceSplitter}) are packed greedily; a new chunk starts early at a heading so that passages follow the
 * document's sections; the last sentences of a chunk (up to {@code overlapTokens}) are repeated at the start of the
 * next so that a fact on the boundary is whole in one of them. A sentence is cut only when it alone exceeds the
 * budget. Work stays linear in the text's length however long its lines, and a chunk stays bounded in characters.
 * Each chunk's text is exactly {@code document.text().substring(start, end)}.
 */
public class SentenceChunker {

    /** A chunk shorter than this share of the budget is not ended early at a heading. */
    private static final double MIN_FILL_BEFORE_HEADING_BREAK = 0.25;

    /**
     * A unit weighs at least one token per this many characters. The tokenizer folds a run without spaces that is
     * longer than a word (base64, a run of one character) into a single [UNK], so without this floor a chunk of such
     * text could grow without bound in characters. Ordinary text stays far below it (English about 4-5 characters a
     * token, Chinese 1-2), so its chunks are unchanged.
     */
    static final int MAX_CHARS_PER_TOKEN = 16;

    private final TokenCounter tokens;
    private final int maxTokens;
    private final int overlapTokens;
    /** The counter for a collection's embedding model; null when every collection is counted with {@code tokens}. */
    private final Function<String, TokenCounter> countersByModel;

    public SentenceChunker(TokenCounter tokens, int maxTokens, int overlapTokens) {
        this(tokens, maxTokens, overlapTokens, null);
    }

    /**
     * A chunker whose budget is counted in each collection's own model tokens ({@link #forModel}).
     *
     * @param countersByModel token counter by embedding model id, e.g. {@code TokenCounters::forModel}
     */
    public SentenceChunker(Function<String, TokenCounter> countersByModel, String defaultModel, int maxTokens,
                           int overlapTokens) {
        this(countersByModel.apply(defaultModel), maxTokens, overlapTokens, countersByModel);
    }

    private SentenceChunker(TokenCounter tokens, int maxTokens, int overlapTokens,
                            Function<String, TokenCounter> countersByModel) {
        if (maxTokens < 8) {
            throw new IllegalArgumentException("yunrag.chunking.max-tokens must be at least 8, was " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("yunrag.chunking.overlap-tokens must be between 0 and half of max-tokens"
                    + " (" + maxTokens / 2 + "), was " + overlapTokens);
        }
        this.tokens = tokens;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
        this.countersByModel = countersByModel;
    }

    /** This chunker counting with the tokenizer of {@code embeddingModel} (itself when built with one counter). */
    public SentenceChunker forModel(String embeddingModel) {
        return countersByModel == null ? this
                : new SentenceChunker(countersByModel.apply(embeddingModel), maxTokens, overlapTokens, countersByModel);
    }

    /** A sentence span with its token count. */
    private record Unit(int start, int end, int tokens) {
    }

    public List<Chunk> chunk(String documentId, ParsedDocument document) {
        String text = document.text();
        List<Unit> units = units(text);
        List<Integer> headingStarts = document.headings().stream().map(Heading::offset).toList();
        List<Chunk> chunks = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        int currentTokens = 0;
        int headingIndex = 0;
        for (Unit unit : units) {
            while (headingIndex < headingStarts.size() && headingStarts.get(headingIndex) < unit.start()) {
                headingIndex++;
            }
            boolean startsSection = headingIndex < headingStarts.size() && headingStarts.get(headingIndex) <= unit.end()
                    && headingStarts.get(headingIndex) >= unit.start();
            boolean full = currentTokens + unit.tokens() > maxTokens;
            boolean sectionBreak = startsSection && currentTokens >= maxTokens * MIN_FILL_BEFORE_HEADING_BREAK;
            if (!current.isEmpty() && (full || sectionBreak)) {
                chunks.add(toChunk(documentId, chunks.size(), document, current));
                current = sectionBreak ? new ArrayList<>() : overlapTail(current, unit.tokens());
                currentTokens = current.stream().mapToInt(Unit::tokens).sum();
            }
            current.add(unit);
            currentTokens += unit.tokens();
        }
        if (!current.isEmpty()) {
            chunks.add(toChunk(documentId, chunks.size(), document, current));
        }
        return chunks;
    }

    /** The trailing units worth at most overlapTokens that still leave room for the next unit. */
    private List<Unit> overlapTail(List<Unit> previous, int nextTokens) {
        List<Unit> tail = new ArrayList<>();
        int total = 0;
        for (int i = previous.size() - 1; i >= 0; i--) {
            Unit unit = previous.get(i);
            if (total + unit.tokens() > overlapTokens || total + unit.tokens() + nextTokens > maxTokens) {
                break;
            }
            tail.addFirst(unit);
            total += unit.tokens();
        }
        return tail;
    }

    private Chunk toChunk(String documentId, int ordinal, ParsedDocument document, List<Unit> units) {
        int start = units.getFirst().start();
        int end = units.getLast().end();
        return new Chunk(documentId, ordinal, document.text().substring(start, end), start, end,
                document.pageAt(start), document.pageAt(end - 1), document.headingPathAt(start),
                document.pagesWithin(start, end), document.sectionsWithin(start, end),
                document.figuresWithin(start, end));
    }

    /**
     * Sentences with their token counts; a sentence over the budget is cut into budget-sized pieces. A sentence too
     * long to fit whatever its tokens ({@link #MAX_CHARS_PER_TOKEN}) is cut without being tokenized whole, so that one
     * huge line (no sentence end, a minified file) costs work in proportion to its length and a bounded tokenizer
     * input, not one tokenization of megabytes at once.
     */
    private List<Unit> units(String text) {
        List<Unit> units = new ArrayList<>();
        int longestCounted = maxTokens * MAX_CHARS_PER_TOKEN;
        for (SentenceSplitter.Span span : SentenceSplitter.split(text)) {
            if (span.length() > longestCounted) {
                cutOversized(text, span.start(), span.end(), units);
                continue;
            }
            int count = weight(span.length(), tokens.count(text.substring(span.start(), span.end())));
            if (count <= maxTokens) {
                units.add(new Unit(span.start(), span.end(), count));
            } else {
                cutOversized(text, span.start(), span.end(), units);
            }
        }
        return units;
    }

    /** A unit's weight against the budget: its tokens, and at least one per {@link #MAX_CHARS_PER_TOKEN} characters. */
    private static int weight(int chars, int tokens) {
        return Math.max(tokens, (chars + MAX_CHARS_PER_TOKEN - 1) / MAX_CHARS_PER_TOKEN);
    }

    /** Cuts [start, end) into pieces of at most maxTokens characters and tokens; each piece is tokenized alone. */
    private void cutOversized(String text, int start, int end, List<Unit> units) {
        int position = start;
        while (position < end) {
            int pieceEnd = Math.min(end, position + Math.max(1, maxTokens));
            int count = tokens.count(text.substring(position, pieceEnd));
            while (count > maxTokens && pieceEnd - position > 1) {
                pieceEnd = position + Math.max(1, (int) ((pieceEnd - position) * 0.9 * maxTokens / count));
                count = tokens.count(text.substring(position, pieceEnd));
            }
            int cut = avoidSplittingWordOrSurrogate(text, position, pieceEnd, end);
            if (cut != pieceEnd) {
                count = tokens.count(text.substring(position, cut));
            }
            units.add(new Unit(position, cut, weight(cut - position, count)));
            position = cut;
            while (position < end && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }
    }

    /** Moves a cut back to a space (English) or off a surrogate pair so that no word or character is torn. */
    private static int avoidSplittingWordOrSurrogate(String text, int start, int cut, int end) {
        if (cut >= end) {
            return end;
        }
        if (Character.isLowSurrogate(text.charAt(cut)) && cut - 1 > start) {
            cut--;
        }
        int space = cut;
        while (space > start + (cut - start) / 2 && !Character.isWhitespace(text.charAt(space))
                && Character.isLetterOrDigit(text.charAt(space)) && text.charAt(space) < 0x2E80) {
            space--;
        }
        return space > start + (cut - start) / 2 ? space : cut;
    }
}
