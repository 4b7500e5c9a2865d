package dev.yunrag.index.solr;

import dev.yunrag.index.MetadataCondition;
import dev.yunrag.index.MetadataCondition.Comparison;
import dev.yunrag.index.SearchFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.util.ClientUtils;

/**
 * Solr query strings with the meaning of the embedded index's Lucene queries (IndexSnapshot, ConditionQueries): the
 * BM25 query over text and context, and a {@link SearchFilter} as filter queries. Every value from outside is escaped,
 * so a filter value can never change a query's structure.
 */
final class SolrQueries {

    /** Title and headings weigh less than the passage, as in the embedded index. */
    static final String CONTEXT_BOOST = "0.3";

    private SolrQueries() {
    }

    /**
     * BM25 over the passage text, and with a lower weight title and headings: the same boolean query of SHOULD
     * clauses the embedded index builds (the standard query parser, whitespace escaped, hands the whole question to
     * the field's analyzer, whose terms then become OR-ed clauses).
     */
    static String bm25(String text) {
        String escaped = ClientUtils.escapeQueryChars(text);
        return SolrRecords.TEXT + ":(" + escaped + ") " + SolrRecords.CONTEXT + ":(" + escaped + ")^" + CONTEXT_BOOST;
    }

    /** kNN over the vector field, for the k nearest chunks. */
    static String knn(float[] vector, int k) {
        StringBuilder q = new StringBuilder("{!knn f=").append(SolrRecords.VECTOR).append(" topK=").append(k)
                .append("}[");
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                q.append(',');
            }
            q.append(vector[i]);
        }
        return q.append(']').toString();
    }

    /** Filter queries restricting a search to chunks that pass {@code filter}. */
    static List<String> chunkFilters(SearchFilter filter) {
        List<String> fqs = new ArrayList<>();
        fqs.add(term(SolrRecords.KIND, SolrRecords.KIND_CHUNK));
        if (filter == null) {
            return fqs;
        }
        if (filter.sourcePrefix() != null && !filter.sourcePrefix().isEmpty()) {
            fqs.add("{!prefix f=" + SolrRecords.SOURCE + " v=" + quoted(filter.sourcePrefix()) + "}");
        }
        if (filter.contentType() != null && !filter.contentType().isEmpty()) {
            fqs.add(term(SolrRecords.CONTENT_TYPE, filter.contentType()));
        }
        if (filter.modifiedAfter() != null) {
            fqs.add(SolrRecords.MODIFIED + ":[" + (filter.modifiedAfter().toEpochMilli() + 1) + " TO *]");
        }
        if (filter.condition() != null) {
            fqs.add(condition(filter.condition()));
        }
        return fqs;
    }

    static String term(String field, String value) {
        return field + ":" + ClientUtils.escapeQueryChars(value);
    }

    static String condition(MetadataCondition condition) {
        String joiner = condition.any() ? " OR " : " AND ";
        return condition.comparisons().stream().map(c -> "(" + comparison(c) + ")")
                .collect(Collectors.joining(joiner, "(", ")"));
    }

    private static String comparison(Comparison c) {
        return c.field().isTime() ? onTime(c) : onText(field(c.field()), c);
    }

    private static String onText(String field, Comparison c) {
        List<String> values = c.texts();
        return switch (c.operator()) {
            case CONTAINS -> field + ":*" + ClientUtils.escapeQueryChars(values.getFirst()) + "*";
            case NOT_CONTAINS -> not(field + ":*" + ClientUtils.escapeQueryChars(values.getFirst()) + "*");
            case STARTS_WITH -> field + ":" + ClientUtils.escapeQueryChars(values.getFirst()) + "*";
            case ENDS_WITH -> field + ":*" + ClientUtils.escapeQueryChars(values.getFirst());
            case IS -> term(field, values.getFirst());
            case IS_NOT -> not(term(field, values.getFirst()));
            case IN -> anyOf(field, values);
            case NOT_IN -> not(anyOf(field, values));
            case EMPTY -> "-*:*"; // every document has a source and a media type
            case NOT_EMPTY -> "*:*";
            default -> throw new IllegalArgumentException(c.operator() + " does not apply to " + field);
        };
    }

    private static String onTime(Comparison c) {
        String f = SolrRecords.MODIFIED;
        if (c.operator() == MetadataCondition.Operator.EMPTY) {
            return "-*:*"; // every document has a modification time
        }
        if (c.operator() == MetadataCondition.Operator.NOT_EMPTY) {
            return "*:*";
        }
        long t = c.instant().toEpochMilli();
        return switch (c.operator()) {
            case EQUAL, IS -> f + ":" + t;
            case NOT_EQUAL, IS_NOT -> not(f + ":" + t);
            case GREATER, AFTER -> f + ":{" + t + " TO *]";
            case GREATER_OR_EQUAL -> f + ":[" + t + " TO *]";
            case LESS, BEFORE -> f + ":[* TO " + t + "}";
            case LESS_OR_EQUAL -> f + ":[* TO " + t + "]";
            default -> throw new IllegalArgumentException(c.operator() + " does not apply to modified");
        };
    }

    private static String field(MetadataCondition.Field field) {
        return switch (field) {
            case SOURCE -> SolrRecords.SOURCE;
            case CONTENT_TYPE -> SolrRecords.CONTENT_TYPE;
            case MODIFIED -> SolrRecords.MODIFIED;
        };
    }

    private static String anyOf(String field, List<String> values) {
        return values.stream().map(v -> term(field, v)).collect(Collectors.joining(" OR ", "(", ")"));
    }

    private static String not(String query) {
        return "(*:* -(" + query + "))";
    }

    /** A local-parameter value in double quotes, with quotes and backslashes escaped. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
