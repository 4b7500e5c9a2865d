package dev.yunrag.api;

import java.util.ArrayList;
import java.util.List;

/** Reads a text/event-stream body into its events (name and data), as a browser's EventSource would. */
public final class Sse {

    public record Event(String name, String data) {
    }

    private Sse() {
    }

    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        String name = "message";
        StringBuilder data = null;
        for (String line : body.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(name, data.toString()));
                }
                name = "message";
                data = null;
            } else if (line.startsWith("event:")) {
                name = value(line);
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
            }
        }
        if (data != null) {
            events.add(new Event(name, data.toString()));
        }
        return events;
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
