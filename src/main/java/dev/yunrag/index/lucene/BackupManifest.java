package dev.yunrag.index.lucene;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a backup holds, written beside it as {@code backup.properties}: the collection, the Lucene commit it was taken
 * from, its embedding model, and the counts a restore checks the copy against.
 */
public record BackupManifest(String collection, long generation, String embeddingModel, int dimension,
                             int documents, int chunks, int uploads, String created) {

    public static final String FILE = "backup.properties";

    void write(Path backupDir) {
        Properties properties = new Properties();
        properties.setProperty("collection", collection);
        properties.setProperty("generation", Long.toString(generation));
        properties.setProperty("embeddingModel", embeddingModel);
        properties.setProperty("dimension", Integer.toString(dimension));
        properties.setProperty("documents", Integer.toString(documents));
        properties.setProperty("chunks", Integer.toString(chunks));
        properties.setProperty("uploads", Integer.toString(uploads));
        properties.setProperty("created", created);
        try (Writer out = Files.newBufferedWriter(backupDir.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.store(out, "YunRAG collection backup");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + backupDir.resolve(FILE), e);
        }
    }

    /** @throws BackupException there is no readable manifest: not a backup, or a damaged one */
    static BackupManifest read(Path backupDir) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(backupDir.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.load(in);
            return new BackupManifest(required(properties, "collection"),
                    Long.parseLong(required(properties, "generation")), required(properties, "embeddingModel"),
                    Integer.parseInt(required(properties, "dimension")),
                    Integer.parseInt(required(properties, "documents")),
                    Integer.parseInt(required(properties, "chunks")),
                    Integer.parseInt(required(properties, "uploads")), required(properties, "created"));
        } catch (NoSuchFileException e) {
            throw new BackupException(backupDir + " is not a YunRAG backup: it has no " + FILE);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupException("The backup at " + backupDir + " is damaged: its " + FILE + " cannot be read ("
                    + e.getMessage() + ")");
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value;
    }
}
