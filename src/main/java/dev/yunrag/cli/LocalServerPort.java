package dev.yunrag.cli;

import dev.yunrag.config.OperatorConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The port a server started here listens on, found the way the application's configuration (SmallRye Config) finds
 * {@code quarkus.http.port}, for the thin {@code ask} client, which has no configuration framework on its class path.
 * Sources, highest ordinal first: system properties (400), environment variables (300), the working directory's
 * {@code .env} file (295), the operator's application.properties (260), the packaged one (250). Each is asked for the
 * active profile's key ({@code %prod.quarkus.http.port}, as an environment variable {@code _PROD_QUARKUS_HTTP_PORT})
 * and for the plain key; the highest source holding either wins, and within one source the profile's key does
 * (SmallRye's ProfileConfigSourceInterceptor). The profile is {@code quarkus.profile} from the same sources, else
 * {@code prod}, as for the packaged application the launcher runs. {@code AskClientTest} compares this with SmallRye
 * itself.
 */
final class LocalServerPort {

    static final String PORT = "quarkus.http.port";
    static final String PROFILE = "quarkus.profile";

    /** Where {@code quarkus.http.port} is in force when no source sets it. */
    static final int DEFAULT_PORT = 8080;

    /** One configuration source: a name lookup, by property name or by its environment-variable form. */
    private record Source(Map<String, String> values, boolean environmentStyle) {
        String get(String property) {
            String value = values.get(property);
            if (value == null && environmentStyle) {
                value = values.get(environmentName(property));
            }
            return value;
        }
    }

    private final List<Source> sources; // highest ordinal first

    LocalServerPort(Map<String, String> systemProperties, Map<String, String> environment, Path workingDirectory,
                    Map<String, String> operatorFile, Map<String, String> packaged) {
        this.sources = List.of(new Source(systemProperties, false), new Source(environment, true),
                new Source(dotEnv(workingDirectory.resolve(".env")), true), new Source(operatorFile, false),
                new Source(packaged, false));
    }

    /** The settings of this process: what the server started here with the same environment reads. */
    static LocalServerPort ofThisProcess() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        return new LocalServerPort(properties, System.getenv(), Path.of(System.getProperty("user.dir")),
                OperatorConfigFile.read(), packagedProperties());
    }

    /**
     * The port in force.
     *
     * @throws NumberFormatException when the setting in force is not a number
     */
    int port() {
        List<String> profiles = profiles();
        for (Source source : sources) {
            // the last of several profiles ("common,prod") has priority, as in SmallRye
            for (int i = profiles.size() - 1; i >= 0; i--) {
                String value = source.get("%" + profiles.get(i) + "." + PORT);
                if (value != null) {
                    return Integer.parseInt(value.strip());
                }
            }
            String value = source.get(PORT);
            if (value != null) {
                return Integer.parseInt(value.strip());
            }
        }
        return DEFAULT_PORT;
    }

    List<String> profiles() {
        for (Source source : sources) {
            String value = source.get(PROFILE);
            if (value != null && !value.isBlank()) {
                List<String> profiles = new ArrayList<>();
                for (String profile : value.split(",")) {
                    if (!profile.isBlank()) {
                        profiles.add(profile.strip());
                    }
                }
                return profiles;
            }
        }
        return List.of("prod");
    }

    /** MicroProfile Config's environment-variable form: non-alphanumerics to '_', upper case. */
    static String environmentName(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    /** The {@code .env} file as SmallRye reads it: properties syntax, names in either form. Empty without one. */
    static Map<String, String> dotEnv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return asMap(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
    }

    /** The application.properties packaged in the application's jar (on the thin client's class path too). */
    static Map<String, String> packagedProperties() {
        try (InputStream in = LocalServerPort.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                return Map.of();
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return asMap(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged application.properties", e);
        }
    }

    private static Map<String, String> asMap(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        return asMap(properties);
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> values = new HashMap<>();
        properties.forEach((key, value) -> values.put(key.toString(), value.toString()));
        return values;
    }
}
