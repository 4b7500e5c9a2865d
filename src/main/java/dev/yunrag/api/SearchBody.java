package dev.yunrag.api;

/**
 * {@code POST /api/search} body.
 *
 * @param query      search text (required)
 * @param collection collection (default: the configured default collection)
 * @param topK       results to return (default 10, at most 100)
 * @param filters    metadata filters
 */
public record SearchBody(String query, String collection, Integer topK, Filters filters) {
}
