package dev.yunrag.api;

import dev.yunrag.index.IndexedDocument;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One page of a collection's documents for the web UI's document list, which must stay usable with thousands of
 * documents: a case-insensitive text match on title and source, a sort key and order, then offset and limit. The
 * total before slicing goes back with the page so the UI can show "51–75 of 3,200".
 */
final class DocumentListing {

    /** The sort keys the list accepts ({@code sort=} query parameter, lower case). */
    enum SortKey {
        TITLE(Comparator.comparing(DocumentListing::titleOf, String.CASE_INSENSITIVE_ORDER)),
        SOURCE(Comparator.comparing(IndexedDocument::source, String.CASE_INSENSITIVE_ORDER)),
        TYPE(Comparator.comparing(d -> d.contentType() == null ? "" : d.contentType())),
        PAGES(Comparator.comparingInt(IndexedDocument::pages)),
        CHUNKS(Comparator.comparingInt(IndexedDocument::chunkCount)),
        SIZE(Comparator.comparingLong(IndexedDocument::sizeBytes)),
        INGESTED(Comparator.comparingLong(IndexedDocument::ingestedAt));

        final Comparator<IndexedDocument> order;

        SortKey(Comparator<IndexedDocument> order) {
            this.order = order;
        }

        static SortKey parse(String name) {
            if (name == null || name.isBlank()) {
                return TITLE;
            }
            for (SortKey key : values()) {
                if (key.name().equalsIgnoreCase(name.strip())) {
                    return key;
                }
            }
            throw new IllegalArgumentException("Unknown sort '" + name + "': use one of title, source, type, pages,"
                    + " chunks, size, ingested.");
        }
    }

    /** The documents of one page and how many matched in all. */
    record Page(List<IndexedDocument> items, int total) {
    }

    static final int MAX_LIMIT = 500;

    private DocumentListing() {
    }

    /**
     * @param query  text that title or source must contain (case-insensitive); blank matches everything
     * @param sort   a {@link SortKey} name, default title
     * @param order  {@code asc} (default) or {@code desc}
     * @param limit  page size, null for all the matches (the list as it was before paging existed)
     */
    static Page page(List<IndexedDocument> all, String query, String sort, String order, int offset, Integer limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset + ".");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit + ".");
        }
        boolean descending = descending(order);
        Comparator<IndexedDocument> comparator = SortKey.parse(sort).order
                .thenComparing(IndexedDocument::source, String.CASE_INSENSITIVE_ORDER);
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<IndexedDocument> matches = all.stream()
                .filter(d -> needle.isEmpty() || contains(titleOf(d), needle) || contains(d.source(), needle))
                .sorted(descending ? comparator.reversed() : comparator)
                .toList();
        int from = Math.min(offset, matches.size());
        int to = limit == null ? matches.size() : Math.min(matches.size(), from + limit);
        return new Page(matches.subList(from, to), matches.size());
    }

    private static boolean descending(String order) {
        if (order == null || order.isBlank() || order.equalsIgnoreCase("asc")) {
            return false;
        }
        if (order.equalsIgnoreCase("desc")) {
            return true;
        }
        throw new IllegalArgumentException("order must be asc or desc, was '" + order + "'.");
    }

    private static String titleOf(IndexedDocument d) {
        return d.title() == null || d.title().isBlank() ? d.source() : d.title();
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
