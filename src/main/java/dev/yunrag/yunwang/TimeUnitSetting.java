package dev.yunrag.yunwang;

import java.util.Locale;

/** The unit of the 云网 service's {@code prefill_time} and {@code decode_time_arr}, which its document leaves open. */
public enum TimeUnitSetting {
    SECONDS("s", 1000.0),
    MILLISECONDS("ms", 1.0);

    private final String symbol;
    private final double millisPerUnit;

    TimeUnitSetting(String symbol, double millisPerUnit) {
        this.symbol = symbol;
        this.millisPerUnit = millisPerUnit;
    }

    /** {@code s} or {@code ms}. */
    public String symbol() {
        return symbol;
    }

    public double toMillis(double value) {
        return value * millisPerUnit;
    }

    public static TimeUnitSetting parse(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "s", "sec", "seconds" -> SECONDS;
            case "ms", "millis", "milliseconds" -> MILLISECONDS;
            default -> throw new IllegalArgumentException("yunrag.api.time-unit '" + value + "': use s or ms");
        };
    }
}
