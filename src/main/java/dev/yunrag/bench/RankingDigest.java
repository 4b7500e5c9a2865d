package dev.yunrag.bench;

import dev.yunrag.model.ScoredChunk;
import dev.yunrag.retrieve.RetrievalResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A fingerprint of what a series of retrievals ranked: the fused top 10 and the selected passages' chunk ids, in
 * order. A change meant to make retrieval faster must leave it equal (docs/benchmarks.md, issue 15).
 */
final class RankingDigest {

    private static final int FUSED_HEAD = 10;

    private final MessageDigest sha;

    RankingDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK always has SHA-256", e);
        }
    }

    void add(RetrievalResult result) {
        List<ScoredChunk> fused = result.fused();
        addIds(fused.subList(0, Math.min(FUSED_HEAD, fused.size())));
        sha.update((byte) '|');
        addIds(result.selected());
        sha.update((byte) '\n');
    }

    private void addIds(List<ScoredChunk> hits) {
        for (ScoredChunk hit : hits) {
            sha.update(hit.chunkId().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ',');
        }
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
