package dev.yunrag.security;

import dev.yunrag.config.YunragConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Who may do what: the filter asks it about the key and the role an endpoint needs; resources ask it about the
 * collection once they know which one a request is for. With no keys configured everything is allowed.
 */
@ApplicationScoped
public class AccessPolicy {

    private static final Logger LOG = Logger.getLogger(AccessPolicy.class);

    private volatile KeyRing keys;
    private final String defaultCollection;
    private final KeysFile keysFile;

    @Inject
    Caller caller;

    @Inject
    public AccessPolicy(YunragConfig config) {
        List<String> configured = config.security().keys().orElse(List.of());
        this.keysFile = config.security().keysFile().map(path -> new KeysFile(path, configured)).orElse(null);
        this.keys = keysFile == null ? KeyRing.parse(configured) : keysFile.initial();
        this.defaultCollection = config.defaultCollection();
    }

    /** For tests: a policy over the given keys, with no request scope ({@link #check} reads the key passed in). */
    AccessPolicy(KeyRing keys, String defaultCollection) {
        this.keys = keys;
        this.defaultCollection = defaultCollection;
        this.keysFile = null;
    }

    /** The keys in force: the configured ones plus the keys file as it is now (re-read when it has changed). */
    private KeyRing keys() {
        if (keysFile != null) {
            keysFile.changed().ifPresent(ring -> keys = ring);
        }
        return keys;
    }

    /** Who is calling, for the audit log: the key's label ("key 2", never the key), or "open API" without keys. */
    public String who() {
        return current().map(ApiKey::label).orElse(enabled() ? "unknown" : "open API");
    }

    public boolean enabled() {
        // With a keys file, keys are required even when it lists none: revoking every key must not open the API.
        return keysFile != null || !keys().isEmpty();
    }

    /** Logs whether the API is open or which grants exist (never the keys). */
    public void logInForce() {
        if (!enabled()) {
            String host = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.http.host", String.class).orElse("?");
            if (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")) {
                LOG.warnf("No API keys configured (yunrag.security.keys): listening on %s only. To listen on every"
                        + " interface without keys set yunrag.security.listen-open-without-keys=true (or"
                        + " quarkus.http.host); set keys before exposing the service.", host);
            } else {
                LOG.warnf("No API keys configured (yunrag.security.keys) and listening on %s: the API is open to anyone"
                        + " who can reach this port. Set keys before exposing the service.", host);
            }
            return;
        }
        for (ApiKey key : keys().keys()) {
            LOG.infof("API %s: %s, collections %s", key.label(), key.role().name().toLowerCase(java.util.Locale.ROOT),
                    key.collections().isEmpty() ? "all" : String.join("|", key.collections()));
        }
    }

    /**
     * The key in an {@code Authorization: Bearer KEY} header, if it is ours and has the role. Throws 401 when the
     * header is missing or the key unknown, 403 when an admin endpoint is called with a reader key.
     */
    public ApiKey authenticate(String authorization, boolean needsAdmin) {
        ApiKey key = verify(authorization, needsAdmin);
        if (caller != null) {
            caller.authenticate(key);
        }
        return key;
    }

    /**
     * Like {@link #authenticate} but without remembering the caller: for routes outside the REST layer (the
     * platform endpoints under {@code /q}), where no request scope is active.
     */
    public ApiKey verify(String authorization, boolean needsAdmin) {
        String presented = bearer(authorization)
                .orElseThrow(() -> AccessDeniedException.unauthorized("An API key is required: send it as 'Authorization: Bearer KEY'."));
        ApiKey key = keys().find(presented)
                .orElseThrow(() -> AccessDeniedException.unauthorized("The API key is not valid."));
        if (needsAdmin && !key.isAdmin()) {
            throw AccessDeniedException.forbidden("This needs an admin key; " + key.label() + " is a reader key.");
        }
        return key;
    }

    /**
     * The key in the header if it is one of ours, without refusing anyone: for endpoints open to all (health) that
     * show more to some keys.
     */
    public Optional<ApiKey> identify(String authorization) {
        return bearer(authorization).flatMap(keys()::find);
    }

    /**
     * The collection a request is for (the default one when it names none), checked against the caller's key.
     * Throws 403 when the key may not use it.
     */
    public String collection(String requested) {
        return check(current(), requested);
    }

    /** May the caller use this collection (the default one when blank)? */
    public boolean allows(String requested) {
        try {
            collection(requested);
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /** The collections among {@code names} that the caller may see. */
    public List<String> visible(Collection<String> names) {
        Optional<ApiKey> key = current();
        return names.stream().filter(name -> key.map(k -> k.allows(name)).orElse(true)).toList();
    }

    String check(Optional<ApiKey> key, String requested) {
        String collection = requested == null || requested.isBlank() ? defaultCollection : requested;
        if (key.isPresent() && !key.get().allows(collection)) {
            throw AccessDeniedException.forbidden("This API key may not use collection '" + collection + "'.");
        }
        return collection;
    }

    private Optional<ApiKey> current() {
        // Outside a request (a health check building the status) nobody is calling: nothing to restrict.
        if (!enabled() || caller == null || !io.quarkus.arc.Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        return caller.key();
    }

    static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = value.substring(7).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }
}
