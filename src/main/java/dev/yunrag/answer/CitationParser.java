package dev.yunrag.answer;

import dev.yunrag.model.Citation;
import dev.yunrag.model.ScoredChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the citation markers in a model's reply and resolves them to the numbered sources of the prompt.
 *
 * <p>Accepted forms: [1], [1, 3], [1，3], [1、3], [1][3], 【1】, ［1］ and ranges [1-3]. The numbers in the text are kept as
 * written, so the [n] a reader sees is the n of {@code Citation.n()} and of the source list shown beside the answer.
 * Numbers with no source behind them (a model inventing [7] when there were five sources) are removed from the text
 * and counted, so a reader never clicks a citation that leads nowhere. Each citation carries the page and heading of
 * the passage sentence its first claim rests on ({@link CitedSentences}).
 *
 * <p>A reply that opens with the abstention sentence the prompt asks for ({@link Abstention}) is an answer that the
 * documents do not answer the question: it cites nothing, whatever markers the model put after it.
 */
public final class CitationParser {

    private static final String NUMBER_OR_RANGE = "\\d{1,3}(?:\\s*[-–—~～]\\s*\\d{1,3})?";
    /**
     * One to three digits only: "[2019]" in a reply is a year, not a citation of source 2019. Separators include the
     * Chinese comma and enumeration comma that models use in Chinese answers.
     */
    private static final Pattern MARKER = Pattern.compile(
            "[\\[［【]\\s*(" + NUMBER_OR_RANGE + "(?:\\s*[,，、;；]\\s*" + NUMBER_OR_RANGE + ")*)\\s*[\\]］】]");
    private static final Pattern ITEM = Pattern.compile("(\\d{1,3})(?:\\s*[-–—~～]\\s*(\\d{1,3}))?");
    /** A wider "range" is more likely a span of numbers in prose (e.g. "[10-200]") than a citation. */
    private static final int MAX_RANGE_WIDTH = 20;

    /**
     * @param reply   the model's full reply
     * @param sources the sources as numbered in the prompt: {@code sources.get(n - 1)} is [n]
     */
    public CitedAnswer parse(String reply, List<ScoredChunk> sources) {
        if (Abstention.isAbstention(reply)) {
            String withoutMarkers = MARKER.matcher(reply).replaceAll("").strip();
            return new CitedAnswer(withoutMarkers, List.of(), 0, List.of(), false);
        }
        Set<Integer> citedInOrder = new LinkedHashSet<>();
        Map<Integer, String> claims = new HashMap<>();
        int invalid = 0;
        StringBuilder text = new StringBuilder(reply.length());
        Matcher marker = MARKER.matcher(reply);
        int copiedUpTo = 0;
        while (marker.find()) {
            List<Integer> numbers = numbersIn(marker.group(1));
            if (numbers == null) {
                continue; // not a citation: leave the text as it is
            }
            List<Integer> valid = numbers.stream().filter(n -> n >= 1 && n <= sources.size()).distinct().toList();
            int invalidHere = (int) numbers.stream().filter(n -> n < 1 || n > sources.size()).count();
            invalid += invalidHere;
            citedInOrder.addAll(valid);
            valid.forEach(n -> claims.putIfAbsent(n, CitedSentences.claimBefore(reply, marker.start())));
            text.append(reply, copiedUpTo, marker.start());
            if (invalidHere == 0) {
                text.append(marker.group());
            } else if (!valid.isEmpty()) {
                valid.forEach(n -> text.append('[').append(n).append(']'));
            } else {
                dropSpaceBeforeRemovedMarker(text, reply, marker.end());
            }
            copiedUpTo = marker.end();
        }
        text.append(reply, copiedUpTo, reply.length());
        List<Citation> citations = new ArrayList<>();
        for (int n : citedInOrder) {
            citations.add(CitedSentences.citation(n, sources.get(n - 1), claims.get(n)));
        }
        return new CitedAnswer(text.toString(), citations, invalid);
    }

    /** The numbers a marker cites, ranges expanded; null when the marker is not a citation after all. */
    private static List<Integer> numbersIn(String inside) {
        List<Integer> numbers = new ArrayList<>();
        Matcher item = ITEM.matcher(inside);
        while (item.find()) {
            int first = Integer.parseInt(item.group(1));
            if (item.group(2) == null) {
                numbers.add(first);
                continue;
            }
            int last = Integer.parseInt(item.group(2));
            int low = Math.min(first, last);
            int high = Math.max(first, last);
            if (high - low > MAX_RANGE_WIDTH) {
                return null;
            }
            for (int n = low; n <= high; n++) {
                numbers.add(n);
            }
        }
        return numbers;
    }

    /** "claim [9]." becomes "claim." rather than "claim ." when [9] is removed. */
    private static void dropSpaceBeforeRemovedMarker(StringBuilder text, String reply, int markerEnd) {
        boolean followedByBreak = markerEnd >= reply.length()
                || Character.isWhitespace(reply.charAt(markerEnd))
                || isPunctuation(reply.charAt(markerEnd));
        if (followedByBreak && !text.isEmpty() && text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 1);
        }
    }

    private static boolean isPunctuation(char c) {
        int type = Character.getType(c);
        return type == Character.OTHER_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION;
    }
}
