package dev.yunrag.ingest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the files to ingest under the paths a user named. Hidden files and directories are skipped, and so is
 * anything matched by a {@code .yunragignore} file (glob patterns, one a line, relative to the directory holding it)
 * at the top of a named directory. Unreadable files and directories are reported, not fatal.
 */
public final class SourceWalker {

    static final String IGNORE_FILE = ".yunragignore";

    /** The files found, and the paths that could not be read with the reason. */
    public record Walk(List<SourceFile> files, List<IngestReport.Failure> failures) {
    }

    private SourceWalker() {
    }

    public static Walk walk(List<Path> roots) {
        List<SourceFile> files = new ArrayList<>();
        List<IngestReport.Failure> failures = new ArrayList<>();
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                failures.add(new IngestReport.Failure(root.toString(), "no such file or directory"));
            } else if (Files.isDirectory(absolute)) {
                walkDirectory(absolute, files, failures);
            } else if (!Files.isRegularFile(absolute)) {
                // a FIFO would block the parser forever; a device is no document
                failures.add(new IngestReport.Failure(root.toString(),
                        "not a regular file (a FIFO, socket or device): skipped"));
            } else if (!Files.isReadable(absolute)) {
                failures.add(new IngestReport.Failure(root.toString(), "permission denied"));
            } else {
                files.add(new SourceFile(absolute, absolute.getFileName().toString()));
            }
        }
        return new Walk(files, failures);
    }

    private static void walkDirectory(Path root, List<SourceFile> files, List<IngestReport.Failure> failures) {
        List<PathMatcher> ignored = ignoreMatchers(root);
        String prefix = root.getFileName() == null ? "" : root.getFileName() + "/";
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && (isHidden(dir) || matches(ignored, root.relativize(dir)))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
                        failures.add(new IngestReport.Failure(prefix + root.relativize(dir), "permission denied"));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path relative = root.relativize(file);
                    if (isHidden(file) || matches(ignored, relative)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String source = prefix + relative.toString().replace('\\', '/');
                    if (attrs.isRegularFile()) {
                        files.add(new SourceFile(file, source));
                    } else {
                        // Reported, not skipped in silence (issue 18): the user asked for this directory.
                        failures.add(new IngestReport.Failure(source, notAFile(attrs)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    failures.add(new IngestReport.Failure(prefix + root.relativize(file), describe(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failures.add(new IngestReport.Failure(root.toString(), describe(e)));
        }
        files.sort((a, b) -> a.source().compareTo(b.source()));
    }

    private static String notAFile(BasicFileAttributes attrs) {
        return attrs.isSymbolicLink()
                ? "symbolic link: not followed (it may point outside the directory); ingest its target directly"
                : "not a regular file (a FIFO, socket or device): skipped";
    }

    private static boolean isHidden(Path path) {
        return path.getFileName() != null && path.getFileName().toString().startsWith(".");
    }

    private static boolean matches(List<PathMatcher> matchers, Path relative) {
        return matchers.stream().anyMatch(m -> m.matches(relative));
    }

    private static List<PathMatcher> ignoreMatchers(Path root) {
        Path ignoreFile = root.resolve(IGNORE_FILE);
        List<PathMatcher> matchers = new ArrayList<>();
        if (!Files.isRegularFile(ignoreFile)) {
            return matchers;
        }
        try {
            for (String line : Files.readAllLines(ignoreFile)) {
                String pattern = line.strip();
                if (!pattern.isEmpty() && !pattern.startsWith("#")) {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
                }
            }
        } catch (IOException e) {
            // An unreadable ignore file ignores nothing; the walk itself reports unreadable paths.
        }
        return matchers;
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
