package dev.yunrag.yunwang;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.yunrag.model.ApiTimings;
import dev.yunrag.answer.ReplyTimings;
import java.util.List;
import java.util.Objects;

/**
 * Chat response metadata with the 云网 service's own timings, which users want to see next to the answer:
 * {@code prefill_time} (processing the prompt) and {@code decode_time_arr} (one entry per decode step), both in the
 * server's unit (undocumented; the numbers are passed on unchanged). Reach them with
 * {@code (YunwangChatResponseMetadata) chatResponse.metadata()} or {@link #of}. The answer flow reads them through
 * {@link ReplyTimings}, which it owns, without knowing this class.
 */
public class YunwangChatResponseMetadata extends ChatResponseMetadata implements ReplyTimings {

    private final Double prefillTime;
    private final List<Double> decodeTimes;
    private final TimeUnitSetting timeUnit;

    protected YunwangChatResponseMetadata(Builder builder) {
        super(builder);
        this.prefillTime = builder.prefillTime;
        this.timeUnit = builder.timeUnit == null ? TimeUnitSetting.SECONDS : builder.timeUnit;
        this.decodeTimes = builder.decodeTimes == null ? List.of() : List.copyOf(builder.decodeTimes);
    }

    /** The server's prompt processing time, or null when it sent none. */
    public Double prefillTime() {
        return prefillTime;
    }

    /** The server's per-step decode times, empty when it sent none. */
    public List<Double> decodeTimes() {
        return decodeTimes;
    }

    /** The unit the raw timings are in ({@code yunrag.api.time-unit}). */
    public TimeUnitSetting timeUnit() {
        return timeUnit;
    }

    /** The raw timings with their unit and the derived figures in milliseconds; null when the server sent none. */
    @Override
    public ApiTimings apiTimings() {
        return apiTimings(timeUnit);
    }

    /** The same, reading the raw timings in {@code unit}; null when the server sent none. */
    public ApiTimings apiTimings(TimeUnitSetting unit) {
        Double prefill = prefillTime;
        List<Double> steps = decodeTimes;
        if (prefill == null && steps.isEmpty()) {
            return null;
        }
        double prefillMs = prefill == null ? 0 : unit.toMillis(prefill);
        double decodeMs = unit.toMillis(totalDecodeTime());
        Double firstToken = steps.isEmpty() ? (prefill == null ? null : round(prefillMs))
                : round(prefillMs + unit.toMillis(steps.getFirst()));
        Double perSecond = steps.isEmpty() || decodeMs <= 0 ? null : round(steps.size() / (decodeMs / 1000.0));
        return new ApiTimings(prefill, steps, unit.symbol(), firstToken, perSecond, round(prefillMs + decodeMs));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The sum of {@link #decodeTimes()}. */
    public double totalDecodeTime() {
        return decodeTimes.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The 云网 metadata of a response, if it has any. */
    public static java.util.Optional<YunwangChatResponseMetadata> of(
            dev.langchain4j.model.chat.response.ChatResponse response) {
        return response != null && response.metadata() instanceof YunwangChatResponseMetadata yunwang
                ? java.util.Optional.of(yunwang) : java.util.Optional.empty();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Builder toBuilder() {
        Builder builder = (Builder) toBuilder(new Builder());
        return builder.prefillTime(prefillTime).decodeTimes(decodeTimes).timeUnit(timeUnit);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof YunwangChatResponseMetadata that && super.equals(other)
                && Objects.equals(prefillTime, that.prefillTime) && decodeTimes.equals(that.decodeTimes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), prefillTime, decodeTimes);
    }

    @Override
    public String toString() {
        return super.toString() + " prefillTime=" + prefillTime + " decodeSteps=" + decodeTimes.size();
    }

    public static class Builder extends ChatResponseMetadata.Builder<Builder> {
        private Double prefillTime;
        private List<Double> decodeTimes;
        private TimeUnitSetting timeUnit;

        public Builder timeUnit(TimeUnitSetting timeUnit) {
            this.timeUnit = timeUnit;
            return this;
        }

        public Builder prefillTime(Double prefillTime) {
            this.prefillTime = prefillTime;
            return this;
        }

        public Builder decodeTimes(List<Double> decodeTimes) {
            this.decodeTimes = decodeTimes;
            return this;
        }

        @Override
        public YunwangChatResponseMetadata build() {
            return new YunwangChatResponseMetadata(this);
        }
    }
}
