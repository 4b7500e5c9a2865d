package dev.yunrag.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the operator's {@code application.properties} is and what it says, in plain Java: the application reads it
 * through {@link OperatorConfigSource}, and the thin {@code ask} client, which has no configuration framework, reads
 * the server's port from it directly. {@code YUNRAG_CONFIG} or {@code -Dyunrag.config=FILE} points elsewhere;
 * {@code none} disables it (the tests do).
 */
public final class OperatorConfigFile {

    private OperatorConfigFile() {
    }

    static String location() {
        String location = System.getProperty("yunrag.config");
        if (location == null) {
            location = System.getenv("YUNRAG_CONFIG");
        }
        return location == null ? "application.properties" : location;
    }

    /** The operator's settings as written (no profiles applied); empty without a file. */
    public static Map<String, String> read() {
        return read(location());
    }

    static Map<String, String> read(String location) {
        if ("none".equals(location)) {
            return Map.of();
        }
        Path file = Path.of(location);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read configuration file " + file.toAbsolutePath(), e);
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((key, value) -> values.put(key.toString(), value.toString()));
        return values;
    }
}
