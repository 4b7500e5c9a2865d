package dev.yunrag.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file to ingest: its absolute path (the identity of the document) and the source name shown to users (the path
 * relative to the directory given on the command line, prefixed with that directory's name).
 */
public record SourceFile(Path path, String source) {

    /** Stable document id: a hash of the absolute path, so re-ingesting the same file replaces it. */
    public String documentId() {
        return idOf(path.toAbsolutePath().normalize().toString());
    }

    static String idOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
