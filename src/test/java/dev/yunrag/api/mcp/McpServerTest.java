package dev.yunrag.api.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yunrag.testing.SampleCorpus;
import dev.yunrag.ingest.IngestionPipeline;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /mcp} through the official MCP Java SDK client: tools, rank traces, citations, documents as resources. */
@QuarkusTest
class McpServerTest {

    @Inject
    IngestionPipeline pipeline;

    @TestHTTPResource("/")
    URL base;

    McpSyncClient client;

    @BeforeEach
    void connect() {
        SampleCorpus.ingest(pipeline);
        client = McpClients.connect(base, null);
        McpSchema.InitializeResult init = client.initialize();
        assertThat(init.serverInfo().name()).isEqualTo("yunrag");
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(init.capabilities().resources()).isNotNull();
    }

    @AfterEach
    void close() {
        client.closeGracefully();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsItsThreeToolsWithSchemas() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("list_collections", "search", "ask");
        McpSchema.Tool search = tools.get(1);
        assertThat((List<Object>) search.inputSchema().get("required")).containsExactly("query");
        assertThat((Map<String, Object>) search.inputSchema().get("properties"))
                .containsKeys("query", "collection", "top_k");
    }

    @Test
    void listCollectionsShowsTheSampleCorpus() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("list_collections", Map.of()));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("\"name\" : \"default\"");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> collections = (List<Map<String, Object>>) ((Map<String, Object>) result
                .structuredContent()).get("collections");
        assertThat(collections).anySatisfy(c -> {
            assertThat(c.get("name")).isEqualTo("default");
            assertThat((Integer) c.get("documents")).isGreaterThanOrEqualTo(SampleCorpus.documents().size());
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchReturnsRankedPassagesWithTheirRankTraces() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("search",
                Map.of("query", "产假多少天", "top_k", 3)));

        assertThat(result.isError()).isFalse();
        Map<String, Object> content = (Map<String, Object>) result.structuredContent();
        List<Map<String, Object>> results = (List<Map<String, Object>>) content.get("results");
        assertThat(results).hasSizeBetween(1, 3);
        Map<String, Object> first = results.getFirst();
        assertThat(first.get("source")).isEqualTo(SampleCorpus.source("employee-handbook.pdf"));
        assertThat((String) first.get("text")).contains("158");
        Map<String, Object> ranks = (Map<String, Object>) first.get("ranks");
        assertThat(ranks).containsKeys("fused", "rerank");
        assertThat(ranks.containsKey("bm25") || ranks.containsKey("vector")).isTrue();
        assertThat((Map<String, Object>) first.get("scores")).containsKey("fused");
        assertThat(text(result)).contains("\"ranks\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void askAnswersWithCitations() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("ask",
                Map.of("question", "女员工产假有多少天？")));

        assertThat(result.isError()).isFalse();
        String text = text(result);
        assertThat(text).contains("158").contains("[1]").contains("Sources:")
                .contains("[1] " + SampleCorpus.source("employee-handbook.pdf") + ", p. 2");
        List<Map<String, Object>> citations = (List<Map<String, Object>>) ((Map<String, Object>) result
                .structuredContent()).get("citations");
        assertThat(citations).isNotEmpty();
        assertThat(citations.getFirst()).containsKeys("n", "source", "page", "headingPath", "text", "chunkId");
    }

    @Test
    void aToolCalledWithBadInputSaysWhyAsAnErrorResult() {
        McpSchema.CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("search",
                Map.of("query", "产假", "collection", "no-such-collection")));
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("no-such-collection").contains("does not exist");

        McpSchema.CallToolResult empty = client.callTool(new McpSchema.CallToolRequest("ask", Map.of("question", " ")));
        assertThat(empty.isError()).isTrue();
        assertThat(text(empty)).contains("question");
    }

    @Test
    void documentsAreResourcesThatReadAsText() {
        List<McpSchema.Resource> resources = client.listResources().resources();
        McpSchema.Resource handbook = resources.stream()
                .filter(r -> r.name().equals("default/" + SampleCorpus.source("employee-handbook.pdf")))
                .findFirst().orElseThrow();
        assertThat(handbook.uri()).startsWith("yunrag://collections/default/documents/");
        assertThat(handbook.mimeType()).isEqualTo("text/plain");

        McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(handbook.uri()));
        String text = ((McpSchema.TextResourceContents) read.contents().getFirst()).text();
        assertThat(text).contains("Source: " + SampleCorpus.source("employee-handbook.pdf")).contains("产假158天");
    }

    @Test
    void getHasNoStreamAndAForeignOriginIsRefused() {
        given().when().get("/mcp").then().statusCode(405);
        given().header("Origin", "https://evil.example").contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").when().post("/mcp").then().statusCode(403);
        given().contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\"}")
                .when().post("/mcp").then().statusCode(200).body("error.code", org.hamcrest.Matchers.equalTo(-32601));
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }
}
