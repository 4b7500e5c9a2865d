package dev.yunrag.index;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two versions of one document for the read-consistency tests: every sentence of version A carries the marker
 * {@link #A}, every sentence of version B the marker {@link #B}, and B is more than twice as long, so the two versions
 * have different chunk counts. A reader can then tell from any chunk which version it belongs to, and from the number
 * of chunks whether it saw a whole version.
 */
public final class AlternatingVersions {

    public static final String A = "ALPHAMARK";
    public static final String B = "BRAVOMARK";
    /** Finds chunks of both versions by BM25 (each chunk holds its marker) and by vector (any chunk is a neighbour). */
    public static final String QUERY = "ALPHAMARK BRAVOMARK 考勤制度 报销规定";

    private AlternatingVersions() {
    }

    /** The document text of version {@code marker}. */
    public static String text(String marker) {
        int sentences = marker.equals(A) ? 9 : 21;
        StringBuilder text = new StringBuilder("考勤与报销规定（" + marker + "）\n\n");
        for (int i = 1; i <= sentences; i++) {
            text.append(marker).append(" 第").append(i).append("条：员工应当遵守公司的考勤制度和报销规定，按时上下班，")
                    .append("迟到早退须向部门经理说明原因。");
            if (i % 3 == 0) {
                text.append("\n\n");
            }
        }
        return text.toString();
    }

    /** The markers found in these chunk texts; a chunk with both or neither is reported as "both"/"none". */
    public static Set<String> versions(Collection<String> chunkTexts) {
        Set<String> found = new TreeSet<>();
        for (String text : chunkTexts) {
            boolean a = text.contains(A);
            boolean b = text.contains(B);
            found.add(a && b ? "both" : a ? A : b ? B : "none");
        }
        return found;
    }

    /**
     * What is wrong with one read of a whole document's chunks, or null when it is exactly one complete version.
     *
     * @param chunkCounts the chunk count of each version, as indexed
     */
    public static String problem(java.util.List<String> chunkTexts, Map<String, Integer> chunkCounts) {
        if (chunkTexts.isEmpty()) {
            return "no chunks";
        }
        Set<String> versions = versions(chunkTexts);
        if (versions.size() != 1 || !chunkCounts.containsKey(versions.iterator().next())) {
            return "mixed chunks " + versions;
        }
        int expected = chunkCounts.get(versions.iterator().next());
        return chunkTexts.size() == expected ? null
                : "partial: " + chunkTexts.size() + " chunks of " + versions + ", which has " + expected;
    }
}
