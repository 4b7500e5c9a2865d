package dev.yunrag.config;

import java.util.Optional;

/** The 云网 LLM API ({@code yunrag.api.*}). Without a base URL the embedded defaults are used. */
public interface ApiConfig {

    /** Shared base URL for all endpoints ("http://host:port"). Env: {@code YUNRAG_API_BASE_URL}. */
    Optional<String> baseUrl();

    /** Shared API key. Env: {@code YUNRAG_API_KEY}. Never logged. */
    Optional<String> apiKey();
}
