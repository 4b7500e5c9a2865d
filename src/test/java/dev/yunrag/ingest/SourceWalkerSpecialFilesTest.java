package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, finding 9: symbolic links and FIFOs under an ingested directory were skipped without a word. */
class SourceWalkerSpecialFilesTest {

    @TempDir
    Path dir;

    @Test
    void symlinksAndFifosAreReportedNotSilentlySkipped() throws Exception {
        Files.writeString(dir.resolve("a.md"), "# a\n\ntext\n");
        Files.createSymbolicLink(dir.resolve("link.md"), dir.resolve("a.md"));
        Path fifo = dir.resolve("pipe.txt");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        SourceWalker.Walk walk = SourceWalker.walk(List.of(dir));

        assertThat(walk.files()).extracting(SourceFile::source).containsExactly(dir.getFileName() + "/a.md");
        assertThat(walk.failures()).extracting(IngestReport.Failure::source)
                .containsExactlyInAnyOrder(dir.getFileName() + "/link.md", dir.getFileName() + "/pipe.txt");
        assertThat(walk.failures()).anySatisfy(f -> assertThat(f.reason()).contains("symbolic link"));
        assertThat(walk.failures()).anySatisfy(f -> assertThat(f.reason()).contains("FIFO"));

        // named directly, a FIFO is refused too (reading it would block)
        assertThat(SourceWalker.walk(List.of(fifo)).failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("not a regular file"));
    }
}
