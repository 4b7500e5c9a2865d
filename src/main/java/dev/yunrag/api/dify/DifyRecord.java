package dev.yunrag.api.dify;

import java.util.Map;

/**
 * One record of a Dify retrieval response.
 *
 * @param content  the passage, exactly as indexed
 * @param score    similarity to the query, 0–1 (docs/dify.md: how it is computed)
 * @param title    the document's title
 * @param metadata always an object, never null (Dify's pipeline fails on a null metadata)
 */
public record DifyRecord(String content, double score, String title, Map<String, Object> metadata) {
}
