package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.CollectionLockedException;
import dev.yunrag.index.IndexSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writers of one collection racing from separate catalogs (as separate processes would): exactly one gets the writer,
 * every other one a {@link CollectionLockedException}, also when they read the lock as free at the same moment.
 */
@Tag("slow")
@Tag("solr")
@ExtendWith(SolrCloudExtension.class)
class SolrWriterLockTest {

    @Test
    void ofWritersRacingForACollectionExactlyOneWins(LocalSolrCloud cloud) throws Exception {
        List<SolrCollectionCatalog> catalogs = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                catalogs.add(SolrCollectionCatalog.connect(cloud.settings(1, 2)));
            }
            catalogs.getFirst().drop("race");
            catalogs.getFirst().openOrCreate("race", new IndexSettings("hashing-8", 8, "cjk"));
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<ChunkIndexWriter>> racers = new ArrayList<>();
            for (SolrCollectionCatalog catalog : catalogs) {
                var index = catalog.find("race").orElseThrow();
                racers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return index.openWriter();
                }));
            }
            go.countDown();
            List<ChunkIndexWriter> won = new ArrayList<>();
            int refused = 0;
            for (CompletableFuture<ChunkIndexWriter> racer : racers) {
                try {
                    won.add(racer.join());
                } catch (java.util.concurrent.CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(CollectionLockedException.class);
                    refused++;
                }
            }
            assertThat(won).hasSize(1);
            assertThat(refused).isEqualTo(3);
            won.getFirst().close();
            try (ChunkIndexWriter next = catalogs.get(1).find("race").orElseThrow().openWriter()) {
                assertThat(next).isNotNull();
            }
            catalogs.getFirst().drop("race");
        } finally {
            catalogs.forEach(SolrCollectionCatalog::close);
        }
    }
}
