package dev.yunrag.index;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The store of the collections cannot be reached (a SolrCloud cluster that is down or does not answer in time): the
 * request may succeed later, so the API answers 503 rather than 500. An {@link UncheckedIOException}, as every store
 * failure of {@link ChunkIndex} is, so callers that handle those handle this one too.
 */
public class IndexUnavailableException extends UncheckedIOException {

    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause instanceof IOException io ? io : new IOException(cause));
    }
}
