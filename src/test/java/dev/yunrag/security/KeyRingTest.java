package dev.yunrag.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final String ADMIN = "admin-key-0123456789";
    private static final String READER = "reader-key-0123456789";
    private static final String HR = "hr-reader-key-0123456789";

    private final KeyRing ring = KeyRing.parse(List.of(ADMIN + ":admin", READER + ":reader", HR + ":reader:hr|default"));

    @Test
    void findsEachKeyWithItsGrants() {
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.find(ADMIN)).get().satisfies(k -> {
            assertThat(k.role()).isEqualTo(Role.ADMIN);
            assertThat(k.allows("anything")).isTrue();
        });
        assertThat(ring.find(READER).orElseThrow().role()).isEqualTo(Role.READER);
        ApiKey hr = ring.find(HR).orElseThrow();
        assertThat(hr.collections()).containsExactlyInAnyOrder("hr", "default");
        assertThat(hr.allows("hr")).isTrue();
        assertThat(hr.allows("finance")).isFalse();
        assertThat(hr.label()).isEqualTo("key 3");
    }

    @Test
    void unknownBlankAndPrefixKeysAreNotFound() {
        assertThat(ring.find("nope-nope-nope-nope")).isEmpty();
        assertThat(ring.find("")).isEmpty();
        assertThat(ring.find(null)).isEmpty();
        assertThat(ring.find(ADMIN.substring(0, ADMIN.length() - 1))).isEmpty();
        assertThat(ring.find(ADMIN + "x")).isEmpty();
        assertThat(ring.find(ADMIN.toUpperCase())).isEmpty();
    }

    @Test
    void noKeysMeansOpen() {
        assertThat(KeyRing.parse(List.of()).isEmpty()).isTrue();
        assertThat(KeyRing.parse(List.of(" ", "")).isEmpty()).isTrue();
    }

    @Test
    void badEntriesFailWithoutEchoingTheKey() {
        assertThatThrownBy(() -> KeyRing.parse(List.of("k3y9:admin"))).hasMessageContaining("entry 1")
                .hasMessageNotContaining("k3y9");
        assertThatThrownBy(() -> KeyRing.parse(List.of(ADMIN + ":root"))).hasMessageContaining("Unknown role")
                .hasMessageNotContaining(ADMIN);
        assertThatThrownBy(() -> KeyRing.parse(List.of(ADMIN))).hasMessageContaining("key:role")
                .hasMessageNotContaining(ADMIN);
        assertThatThrownBy(() -> KeyRing.parse(List.of(ADMIN + ":reader:"))).hasMessageContaining("empty collection");
        assertThatThrownBy(() -> KeyRing.parse(List.of(ADMIN + ":reader", ADMIN + ":admin")))
                .hasMessageContaining("repeats");
    }

    @Test
    void policyChecksRoleAndCollection() {
        AccessPolicy policy = new AccessPolicy(ring, "default");

        assertThat(policy.authenticate("Bearer " + ADMIN, true).role()).isEqualTo(Role.ADMIN);
        assertThat(policy.authenticate("bearer  " + READER + " ", false).role()).isEqualTo(Role.READER);
        assertThatThrownBy(() -> policy.authenticate(null, false)).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> policy.authenticate("Basic " + ADMIN, false))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.code()).isEqualTo("unauthorized"));
        assertThatThrownBy(() -> policy.authenticate("Bearer wrong-key-0123456789", false))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> policy.authenticate("Bearer " + READER, true))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).doesNotContain(READER);
                });

        ApiKey hr = ring.find(HR).orElseThrow();
        assertThat(policy.check(Optional.of(hr), null)).isEqualTo("default");
        assertThat(policy.check(Optional.of(hr), "hr")).isEqualTo("hr");
        assertThatThrownBy(() -> policy.check(Optional.of(hr), "finance"))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(policy.check(Optional.empty(), "finance")).isEqualTo("finance");
    }

    @Test
    void bearerParsing() {
        assertThat(AccessPolicy.bearer("Bearer abc")).contains("abc");
        assertThat(AccessPolicy.bearer("Bearer ")).isEmpty();
        assertThat(AccessPolicy.bearer("Bearerabc")).isEmpty();
        assertThat(AccessPolicy.bearer("abc")).isEmpty();
    }
}
