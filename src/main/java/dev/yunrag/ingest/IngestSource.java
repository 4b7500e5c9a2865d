package dev.yunrag.ingest;

import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.ParsedDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * One document to ingest, a file or a text record: what {@link IngestionPipeline} needs to skip it when unchanged, to
 * parse it and to describe it in the ledger. Both kinds then go through the same chunking, batched embedding and
 * writing.
 */
sealed interface IngestSource {

    String documentId();

    /** The name users see (and citations show). */
    String source();

    /** Bytes, for progress and the ledger. */
    long size();

    /** Hash of the content: an equal hash under the same source name means unchanged. */
    String hash() throws IOException;

    ParsedDocument parse(DocumentParser parser) throws IOException, IngestFailure;

    /** As {@link #parse(DocumentParser)}, telling {@code imagesRead} the images read so far as the parse goes. */
    default ParsedDocument parse(DocumentParser parser, java.util.function.IntConsumer imagesRead)
            throws IOException, IngestFailure {
        return parse(parser);
    }

    /** The ledger entry of this version, parsed into {@code chunkCount} chunks. */
    IndexedDocument entry(ParsedDocument parsed, String hash, int chunkCount) throws IOException;

    /** A file found by {@link SourceWalker}; its ledger entry records its absolute path (used by --prune). */
    record File(SourceFile file) implements IngestSource {

        @Override
        public String documentId() {
            return file.documentId();
        }

        @Override
        public String source() {
            return file.source();
        }

        @Override
        public long size() {
            try {
                return Files.size(file.path());
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public String hash() throws IOException {
            try (var in = Files.newInputStream(file.path())) {
                MessageDigest digest = sha256();
                byte[] buffer = new byte[1 << 16];
                for (int read; (read = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, read);
                }
                return HexFormat.of().formatHex(digest.digest());
            }
        }

        @Override
        public ParsedDocument parse(DocumentParser parser) throws IOException, IngestFailure {
            return parser.parse(file.path(), file.source());
        }

        @Override
        public ParsedDocument parse(DocumentParser parser, java.util.function.IntConsumer imagesRead)
                throws IOException, IngestFailure {
            return parser.parse(file.path(), file.source(), imagesRead);
        }

        @Override
        public IndexedDocument entry(ParsedDocument parsed, String hash, int chunkCount) throws IOException {
            Map<String, String> metadata = new HashMap<>(parsed.metadata());
            metadata.put(IngestionPipeline.METADATA_PATH, file.path().toAbsolutePath().normalize().toString());
            return new IndexedDocument(documentId(), parsed.source(), parsed.title(), parsed.contentType(), hash,
                    size(), Files.getLastModifiedTime(file.path()).toMillis(), System.currentTimeMillis(),
                    parsed.pages().size(), chunkCount, metadata);
        }
    }

    /** A document that is already text (an evaluation corpus record, say), with the id it is indexed under. */
    record Text(String documentId, ParsedDocument document) implements IngestSource {

        @Override
        public String source() {
            return document.source();
        }

        @Override
        public long size() {
            return document.text().length();
        }

        @Override
        public String hash() {
            return HexFormat.of().formatHex(sha256().digest(document.text().getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public ParsedDocument parse(DocumentParser parser) {
            return document;
        }

        @Override
        public IndexedDocument entry(ParsedDocument parsed, String hash, int chunkCount) {
            return new IndexedDocument(documentId, parsed.source(), parsed.title(), parsed.contentType(), hash,
                    size(), 0, System.currentTimeMillis(), parsed.pages().size(), chunkCount, parsed.metadata());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
