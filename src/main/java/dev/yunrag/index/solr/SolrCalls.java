package dev.yunrag.index.solr;

import dev.yunrag.index.IndexUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;

/** Runs one Solr call, turning its failures into the unchecked exception ChunkIndex promises, naming the collection. */
final class SolrCalls {

    /** A call to Solr. */
    interface Call<T> {
        T run() throws SolrServerException, IOException;
    }

    private SolrCalls() {
    }

    static <T> T call(String collection, String what, Call<T> call) {
        try {
            return call.run();
        } catch (SolrServerException | IOException e) {
            // no answer from the cluster (refused, timed out, no live node): it may be back later
            throw new IndexUnavailableException("SolrCloud did not answer when asked to " + what + " in collection '"
                    + collection + "': " + e.getMessage(), e);
        } catch (SolrException e) {
            if (e.code() == SolrException.ErrorCode.SERVICE_UNAVAILABLE.code) {
                throw new IndexUnavailableException("SolrCloud could not " + what + " in collection '" + collection
                        + "': " + e.getMessage(), e);
            }
            throw new UncheckedIOException("Solr failed to " + what + " in collection '" + collection + "': "
                    + e.getMessage(), new IOException(e));
        }
    }
}
