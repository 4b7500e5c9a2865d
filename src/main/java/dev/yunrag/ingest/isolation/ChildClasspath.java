package dev.yunrag.ingest.isolation;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class path a parser process runs with: the server's own. Under Maven, the IDE or Quarkus dev and test modes the
 * system class path holds the application; a packaged server ({@code java -jar quarkus-app/quarkus-run.jar}) has only
 * the runner jar there and loads the rest itself, so the child gets the jars beside it: {@code app/}, {@code lib/boot/}
 * and {@code lib/main/}.
 */
final class ChildClasspath {

    private ChildClasspath() {
    }

    static String forClass(String mainClass) {
        String classPath = System.getProperty("java.class.path", "");
        String resource = mainClass.replace('.', '/') + ".class";
        if (ClassLoader.getSystemClassLoader().getResource(resource) != null) {
            return classPath;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            if (jar.getFileName() != null && jar.getFileName().toString().equals("quarkus-run.jar")) {
                return quarkusApp(jar.getParent());
            }
        }
        throw new IllegalStateException("cannot find the class path of " + mainClass + " for a parser process"
                + " (java.class.path is " + classPath + "); set yunrag.parse.isolation=in-process");
    }

    private static String quarkusApp(Path appDir) {
        List<String> jars = new ArrayList<>();
        for (String dir : List.of("app", "lib/boot", "lib/main")) {
            Path folder = appDir.resolve(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> jars.add(f.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.join(File.pathSeparator, jars);
    }
}
