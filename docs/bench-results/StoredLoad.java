import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.index.*;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.document.Document;

/** Cost of reading the stored fields of 100 random documents, as one query's candidates are read. */
public class StoredLoad {
    public static void main(String[] a) throws Exception {
        try (var dir = new MMapDirectory(Path.of(a[0])); var reader = DirectoryReader.open(dir)) {
            int max = reader.maxDoc();
            Random random = new Random(42);
            int rounds = Integer.parseInt(a[1]);
            long sink = 0;
            long[] perRound = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                StoredFields stored = reader.storedFields();
                long t = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    Document d = stored.document(random.nextInt(max));
                    String text = d.get("text");
                    sink += text == null ? 0 : text.length();
                }
                perRound[r] = System.nanoTime() - t;
            }
            java.util.Arrays.sort(perRound, rounds / 2, rounds); // sort the second half (warm)
            long[] warm = java.util.Arrays.copyOfRange(perRound, rounds / 2, rounds);
            java.util.Arrays.sort(warm);
            System.out.printf("maxDoc %d, 100 random documents: p50 %.3f ms, p10 %.3f ms (warm half of %d rounds) sink %d%n",
                    max, warm[warm.length / 2] / 1e6, warm[warm.length / 10] / 1e6, rounds, sink);
        }
    }
}
