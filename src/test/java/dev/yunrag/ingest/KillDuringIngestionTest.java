package dev.yunrag.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.IndexStats;
import dev.yunrag.index.lucene.LuceneCollections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an ingesting process with SIGKILL at random moments: the index must always open, pass Lucene's CheckIndex,
 * keep ledger and chunks consistent, and a final run must produce exactly what one clean ingestion produces.
 * <p>
 * Every round first rewrites the corpus as a new version, so that each child has every file to replace (an
 * incremental run over unchanged files would finish before most kills land, once earlier rounds have committed
 * them); the last run goes back to the first version, which the clean ingestion saw.
 */
class KillDuringIngestionTest {

    @TempDir
    Path tmp;

    @Test
    void survivesKillsAtRandomMoments() throws Exception {
        runKills(4, 40, 42);
    }

    @Test
    @Tag("slow")
    void survivesTwentyFiveKills() throws Exception {
        runKills(25, 120, 7);
    }

    private void runKills(int kills, int files, long seed) throws Exception {
        Path corpus = generateCorpus(tmp.resolve("corpus"), files, 0);
        Path crashData = tmp.resolve("crash-data");
        Path cleanData = tmp.resolve("clean-data");
        Random random = new Random(seed);

        long cleanMillis = runChild(cleanData, corpus, Long.MAX_VALUE);
        IndexStats clean = stats(cleanData);
        assertThat(clean.documents()).isEqualTo(files);

        int killed = 0;
        for (int i = 0; i < kills; i++) {
            generateCorpus(corpus, files, i + 1);
            long delay = 300 + (long) (random.nextDouble() * Math.max(500, cleanMillis));
            if (runChild(crashData, corpus, delay) < 0) {
                killed++;
            }
            assertIndexIsSound(crashData);
        }
        System.out.printf("kill -9 during ingestion: %d runs, %d killed mid-run, index sound after each%n", kills,
                killed);
        assertThat(killed).as("kills that landed before the child finished").isGreaterThanOrEqualTo(kills / 2);

        generateCorpus(corpus, files, 0);
        runChild(crashData, corpus, Long.MAX_VALUE);
        IndexStats recovered = stats(crashData);
        assertThat(recovered.documents()).isEqualTo(clean.documents());
        assertThat(recovered.chunks()).isEqualTo(clean.chunks());
    }

    /** Runs the child; kills it after {@code killAfterMillis}. Returns its run time, or -1 if it was killed. */
    private static long runChild(Path dataDir, Path corpus, long killAfterMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashableIngestion.class.getName(), dataDir.toString(), corpus.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        long wait = killAfterMillis == Long.MAX_VALUE ? 120_000 : killAfterMillis;
        if (process.waitFor(wait, TimeUnit.MILLISECONDS)) {
            assertThat(process.exitValue()).as("child exit code").isZero();
            return (System.nanoTime() - start) / 1_000_000;
        }
        process.destroyForcibly(); // SIGKILL on Unix
        process.waitFor();
        return -1;
    }

    private static void assertIndexIsSound(Path dataDir) throws IOException {
        // killed before the first commit there is no index: nothing was published, which is sound
        IndexSoundness.assertSound(dataDir, "crash");
    }

    private static IndexStats stats(Path dataDir) throws IOException {
        try (LuceneCollections store = new LuceneCollections(dataDir)) {
            return store.find("crash").orElseThrow().stats();
        }
    }

    /** {@code files} text files; each {@code version} changes every file (its first line) and so its hash. */
    private static Path generateCorpus(Path dir, int files, int version) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(1);
        String[] words = {"员工", "年假", "报销", "会议", "安全", "密码", "项目", "客户", "合同", "预算", "培训", "系统"};
        for (int f = 0; f < files; f++) {
            StringBuilder text = new StringBuilder("第" + f + "号文件 第" + version + "版\n\n");
            for (int s = 0; s < 60; s++) {
                for (int w = 0; w < 8; w++) {
                    text.append(words[random.nextInt(words.length)]);
                }
                text.append(s % 5 == 4 ? "。\n\n" : "。");
            }
            Files.writeString(dir.resolve("doc-" + f + ".txt"), text, StandardCharsets.UTF_8);
        }
        return dir;
    }
}
