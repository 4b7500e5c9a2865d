package dev.yunrag.index.lucene;

import dev.yunrag.index.MetadataCondition;
import dev.yunrag.index.MetadataCondition.Comparison;
import dev.yunrag.index.MetadataCondition.Field;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A {@link MetadataCondition} as a Lucene filter over the chunk records' exact fields: {@code source} and
 * {@code content_type} are untokenised strings (so "contains" is a wildcard on the whole value), {@code modified} a
 * long point in epoch milliseconds. Every document has a source, a media type and a modification time, so "empty"
 * matches nothing and "not empty" everything.
 */
final class ConditionQueries {

    private ConditionQueries() {
    }

    static Query of(MetadataCondition condition) {
        BooleanQuery.Builder bool = new BooleanQuery.Builder();
        for (Comparison comparison : condition.comparisons()) {
            bool.add(of(comparison), condition.any() ? BooleanClause.Occur.SHOULD : BooleanClause.Occur.FILTER);
        }
        if (condition.any()) {
            bool.setMinimumNumberShouldMatch(1);
        }
        return bool.build();
    }

    private static Query of(Comparison c) {
        return c.field().isTime() ? onTime(c) : onText(fieldName(c.field()), c);
    }

    private static Query onText(String field, Comparison c) {
        List<String> values = c.texts();
        return switch (c.operator()) {
            case CONTAINS -> new WildcardQuery(new Term(field, "*" + escape(values.getFirst()) + "*"));
            case NOT_CONTAINS -> not(new WildcardQuery(new Term(field, "*" + escape(values.getFirst()) + "*")));
            case STARTS_WITH -> new PrefixQuery(new Term(field, values.getFirst()));
            case ENDS_WITH -> new WildcardQuery(new Term(field, "*" + escape(values.getFirst())));
            case IS -> new TermQuery(new Term(field, values.getFirst()));
            case IS_NOT -> not(new TermQuery(new Term(field, values.getFirst())));
            case IN -> new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
            case NOT_IN -> not(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()));
            case EMPTY -> new MatchNoDocsQuery("every document has a " + field);
            case NOT_EMPTY -> new MatchAllDocsQuery();
            default -> throw new IllegalArgumentException(c.operator() + " does not apply to " + field);
        };
    }

    private static Query onTime(Comparison c) {
        String field = ChunkFields.MODIFIED;
        if (c.operator() == MetadataCondition.Operator.EMPTY) {
            return new MatchNoDocsQuery("every document has a modification time");
        }
        if (c.operator() == MetadataCondition.Operator.NOT_EMPTY) {
            return new MatchAllDocsQuery();
        }
        long t = c.instant().toEpochMilli();
        return switch (c.operator()) {
            case EQUAL, IS -> LongPoint.newExactQuery(field, t);
            case NOT_EQUAL, IS_NOT -> not(LongPoint.newExactQuery(field, t));
            case GREATER, AFTER -> LongPoint.newRangeQuery(field, Math.addExact(t, 1), Long.MAX_VALUE);
            case GREATER_OR_EQUAL -> LongPoint.newRangeQuery(field, t, Long.MAX_VALUE);
            case LESS, BEFORE -> LongPoint.newRangeQuery(field, Long.MIN_VALUE, Math.subtractExact(t, 1));
            case LESS_OR_EQUAL -> LongPoint.newRangeQuery(field, Long.MIN_VALUE, t);
            default -> throw new IllegalArgumentException(c.operator() + " does not apply to modified");
        };
    }

    private static String fieldName(Field field) {
        return switch (field) {
            case SOURCE -> ChunkFields.SOURCE;
            case CONTENT_TYPE -> ChunkFields.CONTENT_TYPE;
            case MODIFIED -> ChunkFields.MODIFIED;
        };
    }

    private static Query not(Query query) {
        return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(query, BooleanClause.Occur.MUST_NOT).build();
    }

    /** The value as a literal inside a wildcard pattern. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char ch : value.toCharArray()) {
            if (ch == '*' || ch == '?' || ch == '\\') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
