package dev.yunrag.index.lucene;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/**
 * The analyzers a collection's BM25 fields can use. {@code cjk} indexes overlapping character bigrams (robust for
 * Simplified and Traditional Chinese alike, no dictionary); {@code smartcn} segments Simplified Chinese into words with
 * a dictionary-driven HMM. Both tokenise English with the standard tokenizer. docs/evaluation.md compares them.
 */
public final class Analyzers {

    public static final String CJK = "cjk";
    public static final String SMARTCN = "smartcn";

    private Analyzers() {
    }

    /** Full-text analyzer by name. */
    public static Analyzer text(String name) {
        return switch (name) {
            case CJK -> new CJKAnalyzer();
            case SMARTCN -> new SmartChineseAnalyzer();
            default -> throw new IllegalArgumentException("Unknown analyzer '" + name
                    + "' (yunrag.index.analyzer): use " + CJK + " or " + SMARTCN);
        };
    }

    /** The analyzer for a whole chunk document: full text for the searchable fields, keywords elsewhere. */
    static Analyzer perField(String name) {
        Analyzer text = text(name);
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
                Map.of(ChunkFields.TEXT, text, ChunkFields.CONTEXT, text));
    }
}
