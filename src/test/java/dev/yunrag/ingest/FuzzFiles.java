package dev.yunrag.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes fuzz inputs for ingestion from real seed files, reproducibly from one random seed: random bytes (some behind
 * a real format's magic bytes), seeds with flipped bytes, truncated, spliced with another seed or with junk inserted,
 * and zip-based documents (DOCX, XLSX, PPTX, EPUB, ODT) with one entry mutated inside a valid zip, which is what gets
 * past the zip layer to the XML parsers behind it.
 */
final class FuzzFiles {

    enum Mutation { RANDOM, MAGIC_RANDOM, FLIP, TRUNCATE, SPLICE, JUNK, ZIP_ENTRY }

    /** One written input: where, which mutation of which seed. */
    record Input(Path path, Mutation mutation, String seed) {
    }

    private static final List<String> EXTENSIONS = List.of("pdf", "docx", "xlsx", "pptx", "html", "md", "txt", "epub",
            "rtf", "odt", "xml", "zip", "csv", "json", "bin");
    private static final List<String> MAGIC = List.of("%PDF-1.7\n", "PK\u0003\u0004", "<html><body>", "{\\rtf1 ",
            "<?xml version=\"1.0\"?>\n<root>", "\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1", "# 标题\n\n");
    private static final List<String> ZIP_BASED = List.of("docx", "xlsx", "pptx", "epub", "odt");

    private final List<Path> seeds;
    private final Random random;

    FuzzFiles(List<Path> seeds, long seed) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed files");
        }
        this.seeds = List.copyOf(seeds);
        this.random = new Random(seed);
    }

    /** The sample corpus's documents and the bad-input fixtures, sorted so that a seed always picks the same ones. */
    static List<Path> defaultSeeds() {
        List<Path> seeds = new ArrayList<>();
        seeds.addAll(filesIn(Path.of("sample-corpus")));
        seeds.addAll(filesIn(Path.of("src/test/resources/bad-input")));
        return seeds.stream().filter(p -> !p.getFileName().toString().equals("README.md"))
                .filter(p -> !p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }

    /** Writes {@code count} inputs into {@code dir}. */
    List<Input> write(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            Path seed = seeds.get(random.nextInt(seeds.size()));
            if (mutation == Mutation.ZIP_ENTRY && !ZIP_BASED.contains(extension(seed))) {
                List<Path> zips = seeds.stream().filter(p -> ZIP_BASED.contains(extension(p))).toList();
                seed = zips.get(random.nextInt(zips.size()));
            }
            byte[] original = Files.readAllBytes(seed);
            String extension = extension(seed);
            byte[] bytes = switch (mutation) {
                case RANDOM -> {
                    extension = EXTENSIONS.get(random.nextInt(EXTENSIONS.size()));
                    yield randomBytes(1 + random.nextInt(32 * 1024));
                }
                case MAGIC_RANDOM -> {
                    extension = EXTENSIONS.get(random.nextInt(EXTENSIONS.size()));
                    yield concat(MAGIC.get(random.nextInt(MAGIC.size())).getBytes(StandardCharsets.ISO_8859_1),
                            randomBytes(random.nextInt(16 * 1024)));
                }
                case FLIP -> flip(original);
                case TRUNCATE -> Arrays.copyOf(original, random.nextInt(Math.max(1, original.length)));
                case SPLICE -> splice(original, Files.readAllBytes(seeds.get(random.nextInt(seeds.size()))));
                case JUNK -> insertJunk(original);
                case ZIP_ENTRY -> mutateZipEntry(original);
            };
            String name = String.format(Locale.ROOT, "fuzz-%04d-%s-%s.%s", i, mutation.name().toLowerCase(Locale.ROOT),
                    stem(seed), extension);
            Path path = dir.resolve(name);
            Files.write(path, bytes);
            inputs.add(new Input(path, mutation, seed.getFileName().toString()));
        }
        return inputs;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] flip(byte[] original) {
        byte[] bytes = original.clone();
        if (bytes.length == 0) {
            return randomBytes(64);
        }
        int flips = 1 + random.nextInt(Math.max(1, Math.min(64, bytes.length / 16)));
        for (int i = 0; i < flips; i++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private byte[] splice(byte[] head, byte[] tail) {
        int cut = head.length == 0 ? 0 : random.nextInt(head.length);
        int from = tail.length == 0 ? 0 : random.nextInt(tail.length);
        return concat(Arrays.copyOf(head, cut), Arrays.copyOfRange(tail, from, tail.length));
    }

    private byte[] insertJunk(byte[] original) {
        int at = original.length == 0 ? 0 : random.nextInt(original.length);
        byte[] junk = random.nextBoolean() ? randomBytes(1 + random.nextInt(4096))
                : "<<<&#xFFFF;&bogus;]]>\u0000{\\*".repeat(1 + random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
        return concat(concat(Arrays.copyOf(original, at), junk), Arrays.copyOfRange(original, at, original.length));
    }

    /** Re-zips the document with one entry flipped, truncated or junk-stuffed; the zip itself stays valid. */
    private byte[] mutateZipEntry(byte[] original) {
        try {
            List<String> names = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(original))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    names.add(entry.getName());
                    contents.add(in.readAllBytes());
                }
            }
            if (names.isEmpty()) {
                return flip(original);
            }
            int victim = random.nextInt(names.size());
            byte[] entry = contents.get(victim);
            contents.set(victim, switch (random.nextInt(3)) {
                case 0 -> flip(entry);
                case 1 -> Arrays.copyOf(entry, random.nextInt(Math.max(1, entry.length)));
                default -> insertJunk(entry);
            });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (int i = 0; i < names.size(); i++) {
                    out.putNextEntry(new ZipEntry(names.get(i)));
                    out.write(contents.get(i));
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static List<Path> filesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        return stem.length() > 24 ? stem.substring(0, 24) : stem;
    }
}
