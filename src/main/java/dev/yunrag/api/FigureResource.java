package dev.yunrag.api;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexView;
import dev.yunrag.ingest.image.Thumbnails;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.FigureSpan;
import dev.yunrag.security.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The thumbnail of a figure a citation quotes ({@code Citation.thumbnail}): served only when a collection the caller
 * may use holds the document and that document has text read from the figure, so an API key sees the pictures of
 * its own collections and nothing else (an unknown, foreign or malformed id is the same 404). The figure id is hex,
 * checked before it comes near a path.
 */
@Path("/api/figures")
public class FigureResource {

    @Inject
    CollectionCatalog collections;

    @Inject
    AccessPolicy access;

    @Inject
    YunragConfig config;

    @GET
    @Path("/{documentId}/{figure}")
    @Produces("image/jpeg")
    @Operation(summary = "A downscaled copy (JPEG) of an image that text of a document was read from (a figure or a"
            + " scanned page), as linked by a citation's 'thumbnail'")
    public Response thumbnail(@PathParam("documentId") String documentId, @PathParam("figure") String figure) {
        if (!FigureSpan.FIGURE_ID.matcher(figure).matches() || !citedByVisibleDocument(documentId, figure)) {
            throw unknown(figure);
        }
        java.nio.file.Path file = Thumbnails.under(config.dataDir()).find(figure).orElseThrow(() -> unknown(figure));
        return Response.ok(file.toFile(), "image/jpeg")
                .header("Cache-Control", "private, max-age=86400")
                .build();
    }

    private boolean citedByVisibleDocument(String documentId, String figure) {
        for (String name : access.visible(collections.names())) {
            Optional<ChunkIndex> index = collections.find(name);
            if (index.isEmpty()) {
                continue;
            }
            try (IndexView view = index.get().snapshot()) {
                if (view.document(documentId).isPresent() && view.chunksOf(documentId).stream()
                        .map(Chunk::figures).flatMap(java.util.List::stream)
                        .anyMatch(span -> span.figure().equals(figure))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static NotFoundException unknown(String figure) {
        return new NotFoundException("unknown_figure", "No figure '" + figure + "' in a document you may read.");
    }
}
