package dev.yunrag.index;

import java.time.Instant;

/**
 * Optional restrictions on retrieval; null fields do not restrict.
 *
 * @param sourcePrefix  keep passages whose document source starts with this
 * @param contentType   keep passages of documents of this media type (e.g. {@code application/pdf})
 * @param modifiedAfter keep passages of documents modified after this instant
 * @param condition     keep passages whose document satisfies these comparisons (e.g. Dify's metadata_condition)
 */
public record SearchFilter(String sourcePrefix, String contentType, Instant modifiedAfter,
                           MetadataCondition condition) {

    public static final SearchFilter NONE = new SearchFilter(null, null, null);

    public SearchFilter(String sourcePrefix, String contentType, Instant modifiedAfter) {
        this(sourcePrefix, contentType, modifiedAfter, null);
    }

    public static SearchFilter of(MetadataCondition condition) {
        return new SearchFilter(null, null, null, condition);
    }

    public boolean isEmpty() {
        return (sourcePrefix == null || sourcePrefix.isEmpty()) && (contentType == null || contentType.isEmpty())
                && modifiedAfter == null && condition == null;
    }
}
