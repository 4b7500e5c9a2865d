package dev.yunrag.retrieve;

import dev.yunrag.index.IndexUnavailableException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * One hybrid branch (BM25 or kNN) that the index could not answer, a timeout or an error of the backend (a SolrCloud
 * replica that stopped answering, say), while the other branch did: the answer is then given from the other branch,
 * with a warning whose stable code is {@value #CODE}. A partial result is still correct (every passage in it is a real
 * match of the question on the same view), only less complete. When both branches fail there is nothing to answer
 * from, and the failure goes to the caller (503 {@code index_unavailable}). Other exceptions (a bug, a vector of the
 * wrong size) are not degradations and are never swallowed here.
 */
public final class BranchFailure {

    /** The stable code of the warning (the answer's {@code warningCodes}). */
    public static final String CODE = "index_partial";
    /** How every warning of this kind starts, so that the answer can name its code. */
    static final String PREFIX = "Part of the search failed: ";

    private BranchFailure() {
    }

    /** A branch's outcome: its value, or the index failure that stopped it. */
    record Outcome<T>(T value, RuntimeException failure) {

        boolean failed() {
            return failure != null;
        }
    }

    /** Runs a branch, keeping an index failure as its outcome; any other exception propagates. */
    static <T> Outcome<T> run(Supplier<T> branch) {
        try {
            return new Outcome<>(branch.get(), null);
        } catch (RuntimeException e) {
            if (isIndexFailure(e)) {
                return new Outcome<>(null, e);
            }
            throw e;
        }
    }

    /** A failure of the index's backend rather than of the request or the code. */
    static boolean isIndexFailure(RuntimeException e) {
        return e instanceof IndexUnavailableException || e instanceof UncheckedIOException;
    }

    /** Both branches failed: the first failure, the second attached to it. */
    static RuntimeException bothFailed(RuntimeException bm25, RuntimeException vector) {
        if (vector != bm25) {
            bm25.addSuppressed(vector);
        }
        return bm25;
    }

    /** The warning for a failed branch, naming it and the cause. */
    static String warning(String failedBranch, String answeringBranch, RuntimeException cause) {
        return PREFIX + "the " + failedBranch + " search did not answer (" + cause.getMessage()
                + "); results come from the " + answeringBranch + " search only.";
    }

    /** Whether these retrieval warnings say a branch failed, so the answer carries {@value #CODE}. */
    public static boolean in(List<String> warnings) {
        return warnings.stream().anyMatch(w -> w.startsWith(PREFIX));
    }
}
