package dev.yunrag.api;

import dev.yunrag.index.SearchFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Optional metadata filters of a request.
 *
 * @param sourcePrefix  keep documents whose source starts with this, e.g. {@code sample-corpus/hr/}
 * @param contentType   keep documents of this media type, e.g. {@code application/pdf}
 * @param modifiedAfter keep documents modified after this date ({@code 2025-01-31}) or instant (ISO-8601)
 */
public record Filters(String sourcePrefix, String contentType, String modifiedAfter) {

    static SearchFilter toSearchFilter(Filters filters) {
        if (filters == null) {
            return SearchFilter.NONE;
        }
        return new SearchFilter(filters.sourcePrefix(), filters.contentType(), parse(filters.modifiedAfter()));
    }

    private static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("filters.modifiedAfter must be a date (2025-01-31) or an ISO-8601"
                    + " instant (2025-01-31T08:00:00Z), was '" + value + "'");
        }
    }
}
