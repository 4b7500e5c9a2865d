package dev.yunrag.security;

import java.util.Set;

/**
 * A configured API key, without the secret: what it may do. {@code label} ("key 2") names it in logs and errors,
 * because the key itself is never logged.
 *
 * @param collections the collections it may use; empty means all
 */
public record ApiKey(String label, Role role, Set<String> collections) {

    public ApiKey {
        collections = Set.copyOf(collections);
    }

    /** May this key use the collection? */
    public boolean allows(String collection) {
        return collections.isEmpty() || collections.contains(collection);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
