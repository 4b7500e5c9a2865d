package dev.yunrag.index.solr;

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
        } catch (SolrServerException | IOException | SolrException e) {
            throw new UncheckedIOException("Solr failed to " + what + " in collection '" + collection + "': "
                    + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
    }
}
