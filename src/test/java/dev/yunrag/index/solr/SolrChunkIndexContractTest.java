package dev.yunrag.index.solr;

import dev.yunrag.index.ChunkIndexContract;
import dev.yunrag.index.CollectionCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link ChunkIndexContract} on SolrCloud: a real two-node cluster (child JVMs, basic auth on) shared by the test
 * run, collections of 2 shards × 2 replicas. Each test starts from a cluster without YunRAG collections. Slow: the
 * cluster boot and a collection per test take minutes on a loaded machine (see docs/scale-out.md); run it with
 * {@code ./mvnw -B -o -q test -Dyunrag.slow=true -Dtest='SolrChunkIndexContractTest'}.
 */
@Tag("slow")
@Tag("solr")
@ExtendWith(SolrCloudExtension.class)
class SolrChunkIndexContractTest extends ChunkIndexContract {

    private static LocalSolrCloud cloud;
    private boolean emptied;

    @BeforeAll
    static void cluster(LocalSolrCloud shared) {
        cloud = shared;
    }

    @Override
    protected CollectionCatalog openCatalog() {
        SolrCollectionCatalog catalog = SolrCollectionCatalog.connect(cloud.settings(2, 2));
        if (!emptied) {
            catalog.names().forEach(catalog::drop);
            emptied = true;
        }
        return catalog;
    }
}
