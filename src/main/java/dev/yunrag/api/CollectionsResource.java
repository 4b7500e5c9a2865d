package dev.yunrag.api;

import dev.yunrag.config.YunragConfig;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexStats;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.ingest.IngestReport;
import dev.yunrag.ingest.IngestionPipeline;
import dev.yunrag.model.Chunk;
import dev.yunrag.retrieve.UnknownCollectionException;
import dev.yunrag.security.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Collections and their documents: list, upload (ingested at once), browse chunks, delete. */
@Path("/api/collections")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionsResource {

    /** A collection and its index. */
    public record CollectionView(String name, int documents, int chunks, long bytesOnDisk, String embeddingModel,
                                 int dimension, String analyzer) {
    }

    /** A document with its chunks (the chunk browser). */
    public record DocumentDetail(IndexedDocument document, List<Chunk> chunks) {
    }

    static final String TOTAL_COUNT = "X-Total-Count";

    @Inject
    CollectionCatalog collections;

    @Inject
    YunragConfig config;

    @Inject
    AccessPolicy access;

    @Inject
    UploadIngestion uploads;

    @GET
    @Operation(summary = "List collections with their sizes and embedding model")
    public List<CollectionView> list() {
        return access.visible(collections.names()).stream().map(name -> {
            IndexStats stats = collections.find(name).orElseThrow().stats();
            return new CollectionView(name, stats.documents(), stats.chunks(), stats.bytesOnDisk(),
                    stats.settings().embeddingModel(), stats.settings().dimension(), stats.settings().analyzer());
        }).toList();
    }

    @GET
    @Path("/{collection}/documents")
    @Operation(summary = "List a collection's documents (the ledger); optionally filtered (q), sorted (sort, order)"
            + " and paged (offset, limit). The number of matches before paging is in the X-Total-Count header.")
    public RestResponse<List<IndexedDocument>> documents(@PathParam("collection") String collection,
            @QueryParam("q") String query, @QueryParam("sort") String sort, @QueryParam("order") String order,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") Integer limit) {
        DocumentListing.Page page = DocumentListing.page(index(collection).documents(), query, sort, order, offset,
                limit);
        return RestResponse.ResponseBuilder.ok(page.items().stream().map(CollectionsResource::withoutLocalPath)
                .toList()).header(TOTAL_COUNT, page.total()).build();
    }

    @GET
    @Path("/{collection}/documents/{id}")
    @Operation(summary = "One document with its chunks")
    public DocumentDetail document(@PathParam("collection") String collection, @PathParam("id") String id) {
        // Ledger entry and chunks from one commit: read apart, a re-ingestion between them paired the old entry
        // (its chunk count, hash) with the new chunks.
        try (IndexView snapshot = index(collection).snapshot()) {
            IndexedDocument document = snapshot.document(id).orElseThrow(() -> new NotFoundException(
                    "unknown_document", "Document '" + id + "' is not in collection '" + collection + "'."));
            return new DocumentDetail(withoutLocalPath(document), snapshot.chunksOf(id));
        }
    }

    @POST
    @Path("/{collection}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload files (form field 'file', repeatable); they are ingested at once and the report returned")
    public IngestReport upload(@PathParam("collection") String collection, @RestForm("file") List<FileUpload> files) {
        CollectionCatalog.validName(collection);
        access.collection(collection);
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("No files: send them as multipart form field 'file'.");
        }
        return uploads.ingest(collection, files);
    }

    @POST
    @Path("/{collection}/documents/{id}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Re-ingest one document from a new copy (form field 'file'): the copy takes the document's"
            + " name, so it replaces that document whatever the chosen file is called")
    public IngestReport reingest(@PathParam("collection") String collection, @PathParam("id") String id,
                                 @RestForm("file") FileUpload file) {
        IndexedDocument old = index(collection).document(id).orElseThrow(() -> new NotFoundException(
                "unknown_document", "Document '" + id + "' is not in collection '" + collection + "'."));
        if (file == null) {
            throw new IllegalArgumentException("No file: send it as multipart form field 'file'.");
        }
        return uploads.reingest(collection, old, file);
    }

    @DELETE
    @Path("/{collection}/documents/{id}")
    @Operation(summary = "Delete a document and its chunks")
    public Response delete(@PathParam("collection") String collection, @PathParam("id") String id) {
        index(collection);
        if (!uploads.delete(collection, id)) {
            throw new NotFoundException("unknown_document",
                    "Document '" + id + "' is not in collection '" + collection + "'.");
        }
        return Response.noContent().build();
    }

    private ChunkIndex index(String collection) {
        access.collection(CollectionCatalog.validName(collection));
        return collections.find(collection)
                .orElseThrow(() -> new UnknownCollectionException(collection));
    }

    /** The server's absolute file path is internal: it is not shown to API clients. */
    private static IndexedDocument withoutLocalPath(IndexedDocument d) {
        Map<String, String> metadata = new HashMap<>(d.metadata());
        metadata.remove(IngestionPipeline.METADATA_PATH);
        return new IndexedDocument(d.documentId(), d.source(), d.title(), d.contentType(), d.contentHash(),
                d.sizeBytes(), d.modified(), d.ingestedAt(), d.pages(), d.chunkCount(), metadata);
    }
}
