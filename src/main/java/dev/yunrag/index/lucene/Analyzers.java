package dev.yunrag.index.lucene;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/**
 * The analyzers a collection's BM25 fields can use. {@code cjk} indexes overlapping character bigrams (robust for
 * Simplified and Traditional Chinese alike, no dictionary); {@code smartcn} segments Simplified Chinese into words with
 * a dictionary-driven HMM. Both tokenise English with the standard tokenizer and keep English words as written.
 * {@code cjk-porter} is {@code cjk} with English possessives removed and Porter stemming ("claims", "claimed" and
 * "claim" become one term), for collections of English text; Chinese bigrams pass through it unchanged (Porter
 * leaves tokens of two characters alone and its rules only strip Latin suffixes). The analyzer is recorded per
 * collection when the collection is created. docs/evaluation.md compares them.
 */
public final class Analyzers {

    public static final String CJK = "cjk";
    public static final String SMARTCN = "smartcn";
    public static final String CJK_PORTER = "cjk-porter";
    public static final List<String> NAMES = List.of(CJK, SMARTCN, CJK_PORTER);

    private Analyzers() {
    }

    /** Full-text analyzer by name. */
    public static Analyzer text(String name) {
        return switch (name) {
            case CJK -> new CJKAnalyzer();
            case SMARTCN -> new SmartChineseAnalyzer();
            case CJK_PORTER -> withEnglishStemming(new CJKAnalyzer());
            default -> throw new IllegalArgumentException("Unknown analyzer '" + name
                    + "' (yunrag.index.analyzer): use one of " + String.join(", ", NAMES));
        };
    }

    /** {@code analyzer}'s tokens, then possessive "'s" removed and Porter-stemmed, as in Lucene's EnglishAnalyzer. */
    private static Analyzer withEnglishStemming(Analyzer analyzer) {
        return new AnalyzerWrapper(analyzer.getReuseStrategy()) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return analyzer;
            }

            @Override
            protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
                return new TokenStreamComponents(components.getSource(),
                        new PorterStemFilter(new EnglishPossessiveFilter(components.getTokenStream())));
            }
        };
    }

    /** The analyzer for a whole chunk document: full text for the searchable fields, keywords elsewhere. */
    static Analyzer perField(String name) {
        Analyzer text = text(name);
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
                Map.of(ChunkFields.TEXT, text, ChunkFields.CONTEXT, text));
    }
}
