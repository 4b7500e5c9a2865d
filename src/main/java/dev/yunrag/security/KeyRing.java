package dev.yunrag.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys ({@code yunrag.security.keys}: {@code key:role[:collection|collection...]}, comma-separated).
 * Keys are kept only as SHA-256 digests and a presented key is compared with every one of them with
 * {@link MessageDigest#isEqual}, so neither an early mismatch nor the key's length shows in the response time.
 */
public final class KeyRing {

    /** Shorter keys are refused at start-up: they could be guessed. */
    static final int MIN_KEY_CHARS = 16;

    private record Entry(byte[] digest, ApiKey key) {
    }

    private final List<Entry> entries;

    private KeyRing(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the configured entries; throws with a message naming the entry's position (never the key) when one is bad. */
    public static KeyRing parse(List<String> specs) {
        List<Entry> entries = new ArrayList<>();
        int position = 0;
        for (String spec : specs) {
            position++;
            if (spec == null || spec.isBlank()) {
                continue;
            }
            String label = "key " + position;
            String[] parts = spec.strip().split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("yunrag.security.keys: entry " + position
                        + " is not key:role[:collection|collection...]");
            }
            String secret = parts[0];
            if (secret.length() < MIN_KEY_CHARS) {
                throw new IllegalArgumentException("yunrag.security.keys: entry " + position + " has a key shorter than "
                        + MIN_KEY_CHARS + " characters");
            }
            Role role;
            try {
                role = Role.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("yunrag.security.keys: entry " + position + ": " + e.getMessage());
            }
            Set<String> collections = new LinkedHashSet<>();
            if (parts.length == 3) {
                Arrays.stream(parts[2].split("\\|")).map(String::strip).filter(c -> !c.isEmpty())
                        .forEach(collections::add);
                if (collections.isEmpty()) {
                    throw new IllegalArgumentException("yunrag.security.keys: entry " + position
                            + " has an empty collection list; leave it out to allow every collection");
                }
            }
            byte[] digest = sha256(secret);
            if (entries.stream().anyMatch(e -> MessageDigest.isEqual(e.digest(), digest))) {
                throw new IllegalArgumentException("yunrag.security.keys: entry " + position + " repeats a key");
            }
            entries.add(new Entry(digest, new ApiKey(label, role, collections)));
        }
        return new KeyRing(entries);
    }

    /** No keys configured: the API is open. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The key's grants, if it is one of ours. Every entry is compared, whatever matches first. */
    public Optional<ApiKey> find(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        ApiKey found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry.key();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The grants, for the start-up log (labels, roles and collections; no secrets). */
    public List<ApiKey> keys() {
        return entries.stream().map(Entry::key).toList();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
