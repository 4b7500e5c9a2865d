package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client-supplied file names cannot put an upload anywhere but DATA_DIR/uploads/COLLECTION/. */
class UploadStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void traversalAndAbsolutePathsKeepOnlyTheLastSegment() {
        assertThat(UploadStore.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(UploadStore.safeName("/etc/passwd")).isEqualTo("passwd");
        assertThat(UploadStore.safeName("..\\..\\Windows\\system32\\cmd.exe")).isEqualTo("cmd.exe");
        assertThat(UploadStore.safeName("C:\\Users\\a\\年报.pdf")).isEqualTo("年报.pdf");
        assertThat(UploadStore.safeName("\\\\server\\share\\x.docx")).isEqualTo("x.docx");
        assertThat(UploadStore.safeName("a/b/../c.txt")).isEqualTo("c.txt");
    }

    @Test
    void dotsControlsAndEmptyNamesBecomeHarmless() {
        assertThat(UploadStore.safeName("..")).startsWith("upload-").doesNotContain(".");
        assertThat(UploadStore.safeName(".")).startsWith("upload-").doesNotContain(".");
        assertThat(UploadStore.safeName("../")).isEqualTo("upload");
        assertThat(UploadStore.safeName(null)).isEqualTo("upload");
        assertThat(UploadStore.safeName("   ")).isEqualTo("upload");
        assertThat(UploadStore.safeName(".bashrc")).matches("bashrc-[0-9a-f]{8}");
        assertThat(UploadStore.safeName("a\u0000b.txt")).matches("a_b-[0-9a-f]{8}\\.txt");
        assertThat(UploadStore.safeName("evil\u0000/../../x")).isEqualTo("x");
        assertThat(UploadStore.safeName("line\nbreak\r.md")).matches("line_break_-[0-9a-f]{8}\\.md");
        assertThat(UploadStore.safeName("a<b>c:d\"e|f?g*.txt")).matches("a_b_c_d_e_f_g_-[0-9a-f]{8}\\.txt");
    }

    /** Issue 18: "..", "." and "" all became "upload" and replaced each other's file and document. */
    @Test
    void namesThatHadToChangeDoNotCollide() {
        java.util.List<String> names = java.util.List.of("..", ".", "", ".env", "env-x", "a?.txt", "a*.txt", "a_.txt",
                "x".repeat(300) + "1.md", "x".repeat(300) + "2.md");
        assertThat(names.stream().map(UploadStore::safeName).distinct()).hasSize(names.size());
        assertThat(UploadStore.safeName("..")).isNotEqualTo(UploadStore.safeName("."));
        // a name kept as sent is unchanged, and the same name always maps to the same file (a re-upload replaces it)
        assertThat(UploadStore.safeName("年报.pdf")).isEqualTo("年报.pdf");
        assertThat(UploadStore.safeName(".env")).isEqualTo(UploadStore.safeName(".env"));
    }

    @Test
    void longNamesKeepTheirEndWithinCharAndByteLimits() {
        String latin = UploadStore.safeName("a".repeat(10_000) + ".pdf");
        assertThat(latin).endsWith(".pdf").hasSizeLessThanOrEqualTo(120);

        String chinese = UploadStore.safeName("很长的文件名".repeat(100) + ".docx");
        assertThat(chinese).endsWith(".docx");
        assertThat(chinese.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);

        // an odd length of astral characters: the cut must not split a surrogate pair
        String emoji = UploadStore.safeName("x" + "😀".repeat(150) + ".md");
        assertThat(emoji).endsWith(".md");
        assertThat(Character.isLowSurrogate(emoji.charAt(0))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "..\\..\\x.txt", "a\u0000.txt", "..", "C:\\x\\y.md",
        "长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长.txt",
        "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀.md"})
    void storedFilesStayInTheCollectionFolder(String name) throws IOException {
        Path temp = Files.writeString(dataDir.resolve("incoming.tmp"), "content");
        UploadStore store = new UploadStore(dataDir);

        Path stored = store.store("hr", name, temp);

        Path folder = dataDir.toAbsolutePath().normalize().resolve("uploads").resolve("hr");
        assertThat(stored.getParent()).isEqualTo(folder);
        assertThat(Files.readString(stored)).isEqualTo("content");
    }
}
