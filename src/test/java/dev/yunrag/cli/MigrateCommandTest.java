package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.embed.HashingEmbeddingModel;
import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.model.Chunk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} as a command, without a cluster: what it says and returns when it cannot start. The copy itself is
 * {@code CollectionMigrationTest}; both directions on a real SolrCloud are {@code MigrateCommandSolrTest} (slow).
 */
class MigrateCommandTest {

    @TempDir
    Path data;

    @Test
    void toLuceneWithoutASolrAddressNamesTheKeysToSet() {
        MigrateRun run = MigrateRun.run(Map.of("yunrag.data-dir", data.toString()),
                "migrate", "--collection", "docs", "--to", "lucene");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: The Solr backend needs yunrag.solr.zk-hosts or yunrag.solr.urls");
    }

    @Test
    void anUnreachableClusterIsAClearErrorAndTheSourceIsUntouched() {
        try (LuceneCollections store = new LuceneCollections(data)) {
            IndexSettings settings = new IndexSettings("hashing", 16, "cjk");
            try (ChunkIndexWriter writer = store.openOrCreate("docs", settings).openWriter()) {
                writer.upsert(new IndexedDocument("a", "a.txt", "A", "text/plain", "h", 1, 1, 1, 0, 1, Map.of()),
                        List.of(new Chunk("a", 0, "一段文字。", 0, 5, null, null, List.of())),
                        List.of(new HashingEmbeddingModel(16).embed("一段文字。").content().vector()));
                writer.commit();
            }
        }
        MigrateRun run = MigrateRun.run(Map.of("yunrag.data-dir", data.toString(),
                "yunrag.solr.urls", "http://127.0.0.1:1/solr"), "migrate", "--collection", "docs", "--to", "solr");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Migrating collection 'docs'").contains("from lucene (embedded, under")
                .contains("error: SolrCloud").contains("http://127.0.0.1:1/solr");
        try (LuceneCollections store = new LuceneCollections(data)) {
            assertThat(store.find("docs").orElseThrow().stats().documents()).isEqualTo(1);
        }
    }

    @Test
    void aMissingCollectionAndAnUnknownBackendAreRefused() {
        MigrateRun missing = MigrateRun.run(Map.of("yunrag.data-dir", data.toString(),
                "yunrag.solr.urls", "http://127.0.0.1:1/solr"), "migrate", "--collection", "nope", "--to", "solr");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: No collection 'nope' to migrate: the source has []");

        MigrateRun unknown = MigrateRun.run(Map.of("yunrag.data-dir", data.toString()),
                "migrate", "--collection", "docs", "--to", "mongo");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--to").contains("mongo");
    }
}
