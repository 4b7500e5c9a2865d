package dev.yunrag.index.solr;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.client.solrj.response.CoreAdminResponse;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.params.CoreAdminParams;

/**
 * The bytes a collection's index takes on the cluster's disks: the sum over every replica of its core's index size,
 * as each node reports it (core admin STATUS). Replicas count each: two replicas per shard take twice the disk.
 */
final class SolrDiskUsage {

    private SolrDiskUsage() {
    }

    /** The collection's index bytes over all replicas; 0 when a node cannot say (stats must not fail on a size). */
    static long bytesOnDisk(SolrClient client, String collection) {
        if (!(client instanceof CloudHttp2SolrClient cloud)) {
            return 0;
        }
        try {
            DocCollection state = cloud.getClusterStateProvider().getCollection(collection);
            if (state == null) {
                return 0;
            }
            long total = 0;
            for (Replica replica : state.getReplicas()) {
                CoreAdminRequest status = new CoreAdminRequest();
                status.setAction(CoreAdminParams.CoreAdminAction.STATUS);
                status.setCoreName(replica.getCoreName());
                CoreAdminResponse response = cloud.getHttpClient().requestWithBaseUrl(replica.getBaseUrl(), null,
                        status);
                Object size = response.getCoreStatus(replica.getCoreName()).findRecursive("index", "sizeInBytes");
                if (!(size instanceof Number bytes)) {
                    return 0;
                }
                total += bytes.longValue();
            }
            return total;
        } catch (Exception e) {
            return 0;
        }
    }
}
