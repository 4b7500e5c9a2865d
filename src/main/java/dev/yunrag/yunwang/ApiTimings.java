package dev.yunrag.yunwang;

import java.util.List;

/**
 * The 云网 service's own timings of one answer, as it sent them and with the figures users ask for derived in
 * milliseconds. The raw numbers are kept unchanged because the document gives no unit: {@link #timeUnit()} says which
 * one the operator configured ({@code yunrag.api.time-unit}), and only the derived figures depend on it.
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

    public static ApiTimings of(YunwangChatResponseMetadata metadata, TimeUnitSetting unit) {
        Double prefill = metadata.prefillTime();
        List<Double> steps = metadata.decodeTimes();
        if (prefill == null && steps.isEmpty()) {
            return null;
        }
        double prefillMs = prefill == null ? 0 : unit.toMillis(prefill);
        double decodeMs = unit.toMillis(metadata.totalDecodeTime());
        Double firstToken = steps.isEmpty() ? (prefill == null ? null : round(prefillMs))
                : round(prefillMs + unit.toMillis(steps.getFirst()));
        Double perSecond = steps.isEmpty() || decodeMs <= 0 ? null : round(steps.size() / (decodeMs / 1000.0));
        return new ApiTimings(prefill, steps, unit.symbol(), firstToken, perSecond, round(prefillMs + decodeMs));
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

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
