package dev.yunrag.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.Chunk;
import dev.yunrag.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Documents as MCP resources: {@code yunrag://collections/NAME/documents/ID}, listed in pages of
 * {@value #PAGE} across the collections the key may read; reading one returns its indexed text (the chunks joined,
 * overlaps removed) under a line with its title and source.
 */
@ApplicationScoped
public class McpDocuments {

    static final int PAGE = 200;
    private static final String PREFIX = "yunrag://collections/";

    @Inject
    ObjectMapper json;

    @Inject
    CollectionCatalog collections;

    @Inject
    AccessPolicy access;

    JsonNode list(String cursor) {
        int offset = offset(cursor);
        List<ObjectNode> all = new ArrayList<>();
        for (String collection : access.visible(collections.names())) {
            ChunkIndex index = collections.find(collection).orElse(null);
            if (index == null) {
                continue;
            }
            index.documents().stream().sorted(Comparator.comparing(IndexedDocument::source)).forEach(d -> {
                ObjectNode r = json.createObjectNode();
                r.put("uri", uri(collection, d.documentId()));
                r.put("name", collection + "/" + d.source());
                r.put("title", d.title() == null || d.title().isBlank() ? d.source() : d.title());
                r.put("description", d.contentType() + ", " + d.chunkCount() + " passages"
                        + (d.pages() > 0 ? ", " + d.pages() + " pages" : "") + ", collection " + collection);
                r.put("mimeType", "text/plain");
                all.add(r);
            });
        }
        ObjectNode result = json.createObjectNode();
        ArrayNode resources = result.putArray("resources");
        all.subList(Math.min(offset, all.size()), Math.min(offset + PAGE, all.size())).forEach(resources::add);
        if (offset + PAGE < all.size()) {
            result.put("nextCursor", String.valueOf(offset + PAGE));
        }
        return result;
    }

    JsonNode templates() {
        ObjectNode result = json.createObjectNode();
        result.putArray("resourceTemplates").addObject()
                .put("uriTemplate", PREFIX + "{collection}/documents/{documentId}")
                .put("name", "document").put("title", "A document of a collection")
                .put("description", "The indexed text of one document; ids come from resources/list or from the"
                        + " documentId of search results and citations.")
                .put("mimeType", "text/plain");
        return result;
    }

    JsonNode read(String uri) {
        if (!uri.startsWith(PREFIX) || !uri.substring(PREFIX.length()).contains("/documents/")) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "Not a YunRAG document URI: " + uri
                    + " (expected " + PREFIX + "{collection}/documents/{documentId})");
        }
        String rest = uri.substring(PREFIX.length());
        String collection = decode(rest.substring(0, rest.indexOf("/documents/")));
        String documentId = decode(rest.substring(rest.indexOf("/documents/") + "/documents/".length()));
        if (!access.allows(collection)) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "This API key may not read collection '"
                    + collection + "'.");
        }
        ChunkIndex index = collections.find(collection).orElseThrow(() ->
                new JsonRpc.Failure(JsonRpc.RESOURCE_NOT_FOUND, "Resource not found: no collection " + collection));
        try (IndexView snapshot = index.snapshot()) {
            IndexedDocument document = snapshot.document(documentId).orElseThrow(() ->
                    new JsonRpc.Failure(JsonRpc.RESOURCE_NOT_FOUND, "Resource not found: " + uri));
            String text = (document.title() == null || document.title().isBlank() ? "" : document.title() + "\n")
                    + "Source: " + document.source() + "\n\n" + joined(snapshot.chunksOf(documentId));
            ObjectNode result = json.createObjectNode();
            result.putArray("contents").addObject().put("uri", uri).put("mimeType", "text/plain").put("text", text);
            return result;
        }
    }

    /** The chunks' text in order, each character once: chunks are exact substrings and may overlap. */
    static String joined(List<Chunk> chunks) {
        StringBuilder text = new StringBuilder();
        int covered = 0;
        for (Chunk chunk : chunks.stream().sorted(Comparator.comparingInt(Chunk::start)).toList()) {
            if (chunk.end() <= covered) {
                continue;
            }
            if (chunk.start() >= covered) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(chunk.text());
            } else {
                text.append(chunk.text().substring(covered - chunk.start()));
            }
            covered = chunk.end();
        }
        return text.toString();
    }

    static String uri(String collection, String documentId) {
        return PREFIX + encode(collection) + "/documents/" + encode(documentId);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "Invalid cursor: " + cursor);
        }
    }
}
