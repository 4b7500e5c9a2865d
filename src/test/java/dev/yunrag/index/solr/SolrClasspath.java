package dev.yunrag.index.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Solr's runtime classpath for the local cluster's child JVMs: solr-cluster/target/solr.classpath, written by
 * {@code ./mvnw -B -q -f solr-cluster/pom.xml dependency:build-classpath -Dmdep.outputFile=target/solr.classpath}
 * (the command docs/scale-out.md gives). Resolved again when missing or older than the pom: offline first (a warm
 * ~/.m2 needs no network), then online (a clean CI clone downloads Solr's jars once).
 */
final class SolrClasspath {

    static final String FILE = "solr-cluster/target/solr.classpath";

    private SolrClasspath() {
    }

    static String resolve(Path project) {
        Path file = project.resolve(FILE);
        Path pom = project.resolve("solr-cluster/pom.xml");
        try {
            if (!Files.exists(file) || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(pom)) < 0) {
                if (!maven(project, true) && !maven(project, false)) {
                    throw new IllegalStateException("Cannot resolve Solr's classpath with solr-cluster/pom.xml; run "
                            + "./mvnw -B -f solr-cluster/pom.xml dependency:build-classpath"
                            + " -Dmdep.outputFile=target/solr.classpath and see its output");
                }
            }
            String classpath = Files.readString(file).trim();
            if (classpath.isEmpty()) {
                throw new IllegalStateException(file + " is empty");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean maven(Path project, boolean offline) throws IOException {
        List<String> command = new ArrayList<>(List.of(project.resolve("mvnw").toString(), "-B", "-q"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of("-f", "solr-cluster/pom.xml", "dependency:build-classpath",
                "-Dmdep.outputFile=target/solr.classpath"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).inheritIO();
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            return process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }
}
