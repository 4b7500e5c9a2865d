package dev.yunrag.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.IndexSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFilesTest {

    @TempDir
    Path dir;

    @Test
    void countsTheVectorFilesInsideCompoundSegments() throws Exception {
        // given a small collection, whose segment Lucene packs into a compound file
        Path path = dir.resolve("c");
        try (LuceneChunkIndex index = LuceneChunkIndex.open("c", path,
                new IndexSettings("hashing", OneChunkDocuments.DIMENSION, Analyzers.CJK));
             LuceneIndexWriter writer = index.openWriter()) {
            for (int i = 0; i < 40; i++) {
                OneChunkDocuments.put(writer, i, OneChunkDocuments.text(i));
            }
            writer.commit();
        }
        try (var files = Files.list(path)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.endsWith(".cfs"))
                    .noneMatch(name -> name.endsWith(".vec"));
        }

        // when its bytes are counted by extension
        Map<String, Long> bytes = IndexFiles.bytesByExtension(path);

        // then the raw vectors are there: 40 × 64 floats plus a header and footer, and no compound file as such
        assertThat(bytes.get("vec")).isBetween(40L * 64 * 4, 40L * 64 * 4 + 512);
        assertThat(bytes).containsKeys("vex", "tim", "fdt").doesNotContainKeys("cfs", "cfe");
    }
}
