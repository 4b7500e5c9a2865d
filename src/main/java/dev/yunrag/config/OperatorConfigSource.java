package dev.yunrag.config;

import io.smallrye.config.PropertiesConfigSource;
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
 * The operator's {@code application.properties} at the top of the installation (the working directory), read on top
 * of the packaged defaults and below environment variables and system properties. {@code YUNRAG_CONFIG} or
 * {@code -Dyunrag.config=FILE} points elsewhere; {@code none} disables it (the tests do).
 */
public class OperatorConfigSource extends PropertiesConfigSource {

    /** Between the packaged application.properties (250) and environment variables (300). */
    static final int ORDINAL = 260;

    public OperatorConfigSource() {
        super(load(location()), "operator application.properties", ORDINAL);
    }

    static String location() {
        String location = System.getProperty("yunrag.config");
        if (location == null) {
            location = System.getenv("YUNRAG_CONFIG");
        }
        return location == null ? "application.properties" : location;
    }

    static Map<String, String> load(String location) {
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
