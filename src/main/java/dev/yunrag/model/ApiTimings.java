package dev.yunrag.model;

import java.util.List;

/**
 * The answer model service's own timings of one answer, as it sent them and with the figures users ask for derived in
 * milliseconds. The raw numbers are kept unchanged because the 云网 document gives no unit: {@link #timeUnit()} says
 * which one the operator configured ({@code yunrag.api.time-unit}), and only the derived figures depend on it. Built
 * by the vendor adapter ({@link ReplyTimings}); plain data here, so that an answer carries it without knowing the
 * vendor.
 *
 * @param prefillTime           {@code prefill_time} as sent (null when absent)
 * @param decodeTimeArr         {@code decode_time_arr} as sent, one entry per decode step
 * @param timeUnit              {@code s} or {@code ms}: the unit of the two raw fields
 * @param timeToFirstTokenMs    prefill plus the first decode step
 * @param decodeTokensPerSecond decode steps per second of decoding (null without decode steps)
 * @param generationMs          prefill plus all decode steps
 */
public record ApiTimings(Double prefillTime, List<Double> decodeTimeArr, String timeUnit, Double timeToFirstTokenMs,
                         Double decodeTokensPerSecond, Double generationMs) {

    /** The sum of the raw decode steps, in {@link #timeUnit()}; null without decode steps. */
    public Double totalDecodeTime() {
        return decodeTimeArr == null || decodeTimeArr.isEmpty() ? null
                : decodeTimeArr.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** One line for people: {@code prefill 0.125 s, 3 decode steps; TTFT 135.0 ms, 16.7 tokens/s, generation 185.0 ms}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (prefillTime != null) {
            text.append("prefill ").append(prefillTime).append(' ').append(timeUnit).append(", ");
        }
        text.append(decodeTimeArr.size()).append(" decode steps");
        if (timeToFirstTokenMs != null) {
            text.append("; TTFT ").append(timeToFirstTokenMs).append(" ms");
        }
        if (decodeTokensPerSecond != null) {
            text.append(", ").append(decodeTokensPerSecond).append(" tokens/s");
        }
        return text.append(", generation ").append(generationMs).append(" ms").toString();
    }
}
