package dev.yunrag.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a text/event-stream body into its events (name and data), as a browser's EventSource would: an event without
 * an {@code event:} line is a "message", several {@code data:} lines join with a newline, one space after the colon
 * is not part of the value.
 */
public final class Sse {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event; {@link #json()} reads its data as JSON (the ask stream sends JSON in every event). */
    public record Event(String name, String data) {

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + data, e);
            }
        }
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

    /** The events of one name, in order. */
    public static List<Event> named(List<Event> events, String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
