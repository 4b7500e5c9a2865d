package dev.yunrag.index.solr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.index.IndexUnavailableException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.junit.jupiter.api.Test;

/**
 * A cluster that does not answer (or answers 503) is {@link IndexUnavailableException}, which the API turns into a
 * 503; a request Solr refuses is a plain failure.
 */
class SolrCallsTest {

    @Test
    void noAnswerIsUnavailable() {
        assertThatThrownBy(() -> SolrCalls.call("docs", "search", () -> {
            throw new SolrServerException(new ConnectException("Connection refused"));
        })).isInstanceOf(IndexUnavailableException.class).hasMessageContaining("docs")
                .hasMessageContaining("Connection refused");
        assertThatThrownBy(() -> SolrCalls.call("docs", "search", () -> {
            throw new SolrException(SolrException.ErrorCode.SERVICE_UNAVAILABLE, "no servers hosting shard");
        })).isInstanceOf(IndexUnavailableException.class).hasMessageContaining("no servers hosting shard");
    }

    @Test
    void aRefusedRequestIsAFailureNotUnavailability() {
        assertThatThrownBy(() -> SolrCalls.call("docs", "search", () -> {
            throw new SolrException(SolrException.ErrorCode.BAD_REQUEST, "undefined field");
        })).isInstanceOf(UncheckedIOException.class).isNotInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("undefined field");
    }
}
