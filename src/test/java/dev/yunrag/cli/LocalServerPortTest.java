package dev.yunrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin {@code ask} client finds the port of a server started here as the server's own configuration does: each
 * case is resolved both by {@link LocalServerPort} and by SmallRye Config built from the same sources at the
 * application's ordinals (system properties 400, environment 300, {@code .env} 295, the operator's file 260, the
 * packaged file 250), and the two must agree, on the number the case expects.
 */
class LocalServerPortTest {

    private static final Map<String, String> PACKAGED = Map.of("quarkus.http.port", "8080",
            "%test.quarkus.http.port", "8081");

    @TempDir
    Path dir;

    record Case(String name, Map<String, String> sys, Map<String, String> env, String dotEnv,
                Map<String, String> file, int expected) {
    }

    @Test
    void everySourceAndProfileCaseAgreesWithSmallRye() throws IOException {
        List<Case> cases = List.of(
                new Case("nothing set", Map.of(), Map.of(), null, Map.of(), 8080),
                new Case("operator file", Map.of(), Map.of(), null, Map.of("quarkus.http.port", "9101"), 9101),
                new Case("%prod in the operator file", Map.of(), Map.of(), null,
                        Map.of("quarkus.http.port", "9101", "%prod.quarkus.http.port", "9102"), 9102),
                new Case("%dev in the file is not in force", Map.of(), Map.of(), null,
                        Map.of("%dev.quarkus.http.port", "9103"), 8080),
                new Case(".env", Map.of(), Map.of(), "QUARKUS_HTTP_PORT=9104\n", Map.of(), 9104),
                new Case(".env beats %prod in the file (higher source)", Map.of(), Map.of(),
                        "QUARKUS_HTTP_PORT=9105\n", Map.of("%prod.quarkus.http.port", "9106"), 9105),
                new Case("_PROD_ in .env", Map.of(), Map.of(), "QUARKUS_HTTP_PORT=9107\n_PROD_QUARKUS_HTTP_PORT=9108\n",
                        Map.of(), 9108),
                new Case("environment beats .env", Map.of(), Map.of("QUARKUS_HTTP_PORT", "9109"),
                        "QUARKUS_HTTP_PORT=9110\n", Map.of(), 9109),
                new Case("_PROD_ environment variable", Map.of(), Map.of("_PROD_QUARKUS_HTTP_PORT", "9111"), null,
                        Map.of("quarkus.http.port", "9112"), 9111),
                new Case("system property beats all", Map.of("quarkus.http.port", "9113"),
                        Map.of("QUARKUS_HTTP_PORT", "9114"), "QUARKUS_HTTP_PORT=9115\n",
                        Map.of("%prod.quarkus.http.port", "9116"), 9113));
        for (Case c : cases) {
            Path workDir = Files.createDirectories(dir.resolve(c.name().replaceAll("\\W+", "-")));
            if (c.dotEnv() != null) {
                Files.writeString(workDir.resolve(".env"), c.dotEnv());
            }
            int ours = new LocalServerPort(c.sys(), c.env(), workDir, c.file(), PACKAGED).port();
            int smallRye = smallRye(c, workDir, "prod");
            assertThat(ours).as(c.name()).isEqualTo(smallRye).isEqualTo(c.expected());
        }
    }

    @Test
    void theProfileComesFromQuarkusProfile() throws IOException {
        Files.writeString(dir.resolve(".env"), "QUARKUS_PROFILE=staging\n");
        Map<String, String> file = Map.of("%staging.quarkus.http.port", "9201", "%prod.quarkus.http.port", "9202");
        LocalServerPort port = new LocalServerPort(Map.of(), Map.of(), dir, file, PACKAGED);
        assertThat(port.profiles()).containsExactly("staging");
        Case c = new Case("staging", Map.of(), Map.of(), null, file, 9201);
        assertThat(port.port()).isEqualTo(9201).isEqualTo(smallRye(c, dir, "staging"));

        LocalServerPort fromSystem = new LocalServerPort(Map.of("quarkus.profile", "prod"), Map.of(), dir, file,
                PACKAGED);
        assertThat(fromSystem.port()).isEqualTo(9202);
    }

    @Test
    void aPortThatIsNoNumberIsReportedNotGuessed() {
        LocalServerPort port = new LocalServerPort(Map.of(), Map.of("QUARKUS_HTTP_PORT", "eighty"), dir, Map.of(),
                PACKAGED);
        assertThatThrownBy(port::port).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void theEnvironmentNameIsMicroProfiles() {
        assertThat(LocalServerPort.environmentName("%prod.quarkus.http.port")).isEqualTo("_PROD_QUARKUS_HTTP_PORT");
        assertThat(LocalServerPort.environmentName("quarkus.profile")).isEqualTo("QUARKUS_PROFILE");
    }

    @Test
    void thePackagedPropertiesAreReadFromTheClassPath() {
        assertThat(LocalServerPort.packagedProperties()).containsEntry("quarkus.http.port", "8080");
    }

    private static int smallRye(Case c, Path workDir, String profile) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(c.sys(), "system properties", 400))
                .withSources(new EnvConfigSource(c.env(), 300))
                .withSources(new PropertiesConfigSource(c.file(), "operator file", 260))
                .withSources(new PropertiesConfigSource(PACKAGED, "packaged", 250));
        if (c.dotEnv() != null) {
            builder.withSources(new DotEnvConfigSourceProvider(workDir.resolve(".env").toUri().toString()));
        }
        Config config = builder.build();
        return config.getOptionalValue("quarkus.http.port", Integer.class).orElse(LocalServerPort.DEFAULT_PORT);
    }
}
