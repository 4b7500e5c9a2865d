package dev.yunrag.index.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.codecs.CompoundDirectory;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * What an index's last commit spends its bytes on, by file extension. Segments packed into a compound file
 * ({@code .cfs}; Lucene does so for small and freshly flushed segments) are opened and their inner files counted,
 * so that, e.g., the vector files of every segment are included.
 */
public final class IndexFiles {

    private IndexFiles() {
    }

    /** Bytes per file extension ({@code vec}, {@code vex}, {@code tim}, ...) over all segments of the last commit. */
    public static Map<String, Long> bytesByExtension(Path indexPath) {
        Map<String, Long> bytes = new TreeMap<>();
        try (Directory directory = FSDirectory.open(indexPath)) {
            for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
                if (segment.info.getUseCompoundFile()) {
                    try (CompoundDirectory compound = segment.info.getCodec().compoundFormat()
                            .getCompoundReader(directory, segment.info)) {
                        add(bytes, compound);
                    }
                }
                for (String file : segment.files()) {
                    String extension = extension(file);
                    if (!extension.equals("cfs") && !extension.equals("cfe")) {
                        bytes.merge(extension, directory.fileLength(file), Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the files of the index at " + indexPath, e);
        }
        return bytes;
    }

    private static void add(Map<String, Long> bytes, Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            bytes.merge(extension(file), directory.fileLength(file), Long::sum);
        }
    }

    private static String extension(String file) {
        return file.substring(file.lastIndexOf('.') + 1);
    }
}
