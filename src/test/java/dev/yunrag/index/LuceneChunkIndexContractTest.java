package dev.yunrag.index;

import dev.yunrag.index.lucene.LuceneCollections;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ChunkIndexContract} on the embedded backend: real Lucene indexes on disk. */
class LuceneChunkIndexContractTest extends ChunkIndexContract {

    @TempDir
    Path dataDir;

    @Override
    protected CollectionCatalog openCatalog() {
        return new LuceneCollections(dataDir);
    }
}
