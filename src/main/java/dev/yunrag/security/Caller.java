package dev.yunrag.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** Who is calling in this request: the key the filter accepted, or none when the API is open. */
@RequestScoped
public class Caller {

    private ApiKey key;

    void authenticate(ApiKey key) {
        this.key = key;
    }

    public Optional<ApiKey> key() {
        return Optional.ofNullable(key);
    }
}
