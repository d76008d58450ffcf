package com.satrank.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool set without a server: names, schemas from the API's types, how answers become results. */
class SatRankToolsTest {
    private static final ApiClient NOWHERE = new ApiClient(() -> "http://127.0.0.1:9", null, null);

    private static SatRankTools.Tool tool(String name) {
        return SatRankTools.all(NOWHERE).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void twelve_tools_with_object_schemas() {
        var tools = SatRankTools.all(NOWHERE);
        assertThat(tools).extracting(SatRankTools.Tool::name).doesNotHaveDuplicates().hasSize(12);
        assertThat(tools).allSatisfy(t -> assertThat(t.inputSchema().get("type").asText()).isEqualTo("object"));
    }

    @Test
    void body_tools_take_their_schema_from_the_api_request_types() {
        var intent = tool("intent").inputSchema();
        assertThat(intent.get("properties").has("budget_sats")).as("the API's JSON name").isTrue();
        assertThat(intent.get("properties").has("target")).as("the node form's fields are left out").isFalse();
        assertThat(intent.get("required").toString()).isEqualTo("[\"category\"]");
        assertThat(tool("report").inputSchema().get("properties").has("bolt11Raw")).isTrue();
        assertThat(tool("get_batch_verdicts").inputSchema().at("/properties/ids/type").asText()).isEqualTo("array");
    }

    @Test
    void a_402_on_a_paid_tool_is_an_answer_and_other_errors_are_tool_errors() {
        var paid = new SatRankTools.Tool("p", "", tool("get_profile").inputSchema(), true,
                (a, c) -> new ApiClient.Answer(402, "{\"data\":{\"invoice\":\"lnbc1\"}}", "L402 …"));
        var result = SatRankTools.result(paid, Map.of("id", "x"), ApiClient.Caller.NONE);
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).hasSize(2);
        var refused = new SatRankTools.Tool("r", "", tool("get_verdict").inputSchema(), false,
                (a, c) -> new ApiClient.Answer(400, "{\"error\":{}}", null));
        assertThat(SatRankTools.result(refused, Map.of("id", "x"), ApiClient.Caller.NONE).isError()).isTrue();
        assertThat(SatRankTools.result(refused, Map.of(), ApiClient.Caller.NONE).isError())
                .as("a missing required argument").isTrue();
        var down = SatRankTools.result(tool("get_network_stats"), Map.of(), ApiClient.Caller.NONE);
        assertThat(down.isError()).as("no API at the base URL").isTrue();
        assertThat(List.of(down.content().get(0).toString())).anyMatch(s -> s.contains("API_UNREACHABLE"));
    }
}
