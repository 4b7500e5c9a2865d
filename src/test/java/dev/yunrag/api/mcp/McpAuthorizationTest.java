package dev.yunrag.api.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yunrag.api.ApiKeysTest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /mcp} behind the same API keys as the REST API: no key, no session; a key sees only its collections. */
@QuarkusTest
@TestProfile(ApiKeysTest.WithKeys.class)
class McpAuthorizationTest {

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void collections() {
        given().header("Authorization", "Bearer " + ApiKeysTest.ADMIN)
                .multiPart("file", "hr-policy.md", "# 年假\n\n员工每年有十五天年假。\n".getBytes(StandardCharsets.UTF_8),
                        "text/markdown")
                .when().post("/api/collections/" + ApiKeysTest.HR_COLLECTION + "/documents").then().statusCode(200);
        given().header("Authorization", "Bearer " + ApiKeysTest.ADMIN)
                .multiPart("file", "finance.md", "# 报销\n\n报销须在三十天内提交。\n".getBytes(StandardCharsets.UTF_8),
                        "text/markdown")
                .when().post("/api/collections/sec-other/documents").then().statusCode(200);
    }

    @Test
    void withoutAKeyTheClientCannotConnect() {
        given().contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .when().post("/mcp").then().statusCode(401).header("WWW-Authenticate",
                        org.hamcrest.Matchers.startsWith("Bearer"));
        McpSyncClient client = McpClients.connect(base, null);
        assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
        client.close();
        McpSyncClient wrong = McpClients.connect(base, "not-one-of-our-keys-00000");
        assertThatThrownBy(wrong::initialize).isInstanceOf(RuntimeException.class);
        wrong.close();
    }

    @Test
    void aKeySeesAndSearchesOnlyItsCollections() {
        McpSyncClient client = McpClients.connect(base, ApiKeysTest.HR);
        try {
            client.initialize();
            String collections = McpServerTest.text(client.callTool(
                    new McpSchema.CallToolRequest("list_collections", Map.of())));
            assertThat(collections).contains(ApiKeysTest.HR_COLLECTION).doesNotContain("sec-other");

            McpSchema.CallToolResult own = client.callTool(new McpSchema.CallToolRequest("search",
                    Map.of("query", "年假", "collection", ApiKeysTest.HR_COLLECTION)));
            assertThat(own.isError()).isFalse();
            assertThat(McpServerTest.text(own)).contains("十五天年假");

            McpSchema.CallToolResult other = client.callTool(new McpSchema.CallToolRequest("search",
                    Map.of("query", "报销", "collection", "sec-other")));
            assertThat(other.isError()).isTrue();
            assertThat(McpServerTest.text(other)).contains("may not use collection 'sec-other'");

            assertThat(client.listResources().resources()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.uri()).startsWith("yunrag://collections/" + ApiKeysTest.HR_COLLECTION
                            + "/documents/"));
        } finally {
            client.closeGracefully();
        }
    }
}
