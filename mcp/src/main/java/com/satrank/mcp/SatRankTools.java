package com.satrank.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.satrank.serving.resources.PaidResource;
import com.satrank.serving.resources.ReportResource;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * SatRank's MCP tools: each one is a call of the HTTP API, named and described for an LLM agent.
 * A tool answers the API's JSON as text; an API error is a tool error (isError) carrying the
 * API's error envelope, except 402 on a paid tool, which is an answer: the L402 challenge the agent
 * pays to get the data (what {@code get_profile} returns when no credential is configured).
 */
public final class SatRankTools {
    /** One tool: what the agent sees, and how it maps to the API. */
    record Tool(String name, String description, ObjectNode inputSchema, boolean paid,
                BiFunction<Map<String, Object>, ApiClient.Caller, ApiClient.Answer> call) {
    }

    private SatRankTools() {
    }

    static List<Tool> all(ApiClient api) {
        List<Tool> tools = new ArrayList<>();
        ToolSchemas.Param id = new ToolSchemas.Param("id", "string", "A Lightning node: 66-hex pubkey or 64-hex node id");
        ToolSchemas.Param amount = new ToolSchemas.Param("amountSats", "integer",
                "The payment's amount in sats (1 to 100000000; default 1000): the answer is for that amount");
        tools.add(new Tool("get_agent_score", "A Lightning node's SatRank score (0–100), Bayesian posterior"
                + " (p_success, ci95, n_obs) for an amount, verdict and graph facts.",
                ToolSchemas.params(List.of("id"), id, amount), false,
                (a, c) -> api.get("/api/agent/" + ApiClient.segment(str(a, "id")), query(a, "amountSats"), false, c)));
        tools.add(new Tool("get_verdict", "Will a payment of this amount to this Lightning node succeed? SAFE / RISKY /"
                + " UNKNOWN / INSUFFICIENT with p_success, ci95 and n_obs.", ToolSchemas.params(List.of("id"), id, amount),
                false, (a, c) -> api.get("/api/agent/" + ApiClient.segment(str(a, "id")) + "/verdict",
                        query(a, "amountSats"), false, c)));
        tools.add(new Tool("get_batch_verdicts", "Verdicts for up to 100 nodes at once (paid: L402).",
                ToolSchemas.of(PaidResource.VerdictsRequest.class, List.of("ids")), true,
                (a, c) -> api.post("/api/verdicts", Map.of(), json(a), true, false, c)));
        ToolSchemas.Param limit = new ToolSchemas.Param("limit", "integer", "How many (1–100)");
        tools.add(new Tool("get_top_agents", "The best-ranked Lightning nodes by SatRank score.",
                ToolSchemas.params(List.of(), limit, new ToolSchemas.Param("offset", "integer", "Rows to skip")), false,
                (a, c) -> api.get("/api/agents/top", query(a, "limit", "offset"), false, c)));
        tools.add(new Tool("search_agents", "Find Lightning nodes by alias (case-insensitive substring).",
                ToolSchemas.params(List.of("alias"), new ToolSchemas.Param("alias", "string", "Part of the node's alias"),
                        limit), false,
                (a, c) -> api.get("/api/agents/search", query(a, "alias", "limit"), false, c)));
        tools.add(new Tool("get_top_movers", "Nodes whose p_success rose or fell most over a window of days.",
                ToolSchemas.params(List.of(), new ToolSchemas.Param("window", "integer", "Days: 1, 7 or 30"), limit),
                false, (a, c) -> api.get("/api/agents/movers", query(a, "window", "limit"), false, c)));
        tools.add(new Tool("get_network_stats", "The Lightning network as SatRank sees it: nodes, channels, capacity,"
                + " verdict counts.", ToolSchemas.params(List.of()), false,
                (a, c) -> api.get("/api/stats", Map.of(), false, c)));
        tools.add(new Tool("intent", "Find L402-paywalled HTTP services of a category, ranked: each candidate with"
                + " its five stage posteriors (challenge, invoice, payment, delivery, quality) and p_e2e, the chance"
                + " that paying it returns a useful answer. RISKY services are never returned.",
                ToolSchemas.of(PaidResource.IntentRequest.class, List.of("category"), "target", "caller", "amountSats",
                        "fresh"), false,
                (a, c) -> api.post("/api/intent", Map.of(), json(a), false, false, c)));
        tools.add(new Tool("get_services", "Search the catalogue of L402 services (filter by text, category,"
                + " lowest p_success or uptime; sort by p_success, price, uptime, latency, reliability, cost).",
                ToolSchemas.params(List.of(), new ToolSchemas.Param("q", "string", "Text in name, description,"
                                + " category or provider"), new ToolSchemas.Param("category", "string", "Category"),
                        new ToolSchemas.Param("minPSuccess", "number", "Lowest p_e2e, 0–1"),
                        new ToolSchemas.Param("minUptime", "number", "Lowest 7-day uptime, 0–1"),
                        new ToolSchemas.Param("sort", "string", "p_success, price, uptime, latency, reliability or cost"),
                        limit, new ToolSchemas.Param("offset", "integer", "Rows to skip")), false,
                (a, c) -> api.get("/api/services", query(a, "q", "category", "minPSuccess", "minUptime", "sort", "limit",
                        "offset"), false, c)));
        tools.add(new Tool("ping", "Is there a route to this node for 1 000 sats right now (from SatRank's node, or"
                + " from yours)?", ToolSchemas.params(List.of("pubkey"),
                        new ToolSchemas.Param("pubkey", "string", "The node's 66-hex pubkey"),
                        new ToolSchemas.Param("from", "string", "Your node's pubkey (optional)")), false,
                (a, c) -> api.get("/api/ping/" + ApiClient.segment(str(a, "pubkey")), query(a, "from"), false, c)));
        tools.add(new Tool("report", "Tell SatRank how a payment went (success, failure, timeout) to a node (pubkey)"
                + " or an L402 service (url_hash). With the preimage and the invoice (bolt11Raw) the report is proven"
                + " and needs no key.", ToolSchemas.of(ReportResource.ReportRequest.class, List.of("target", "outcome")),
                false, (a, c) -> api.post("/api/report", Map.of(), json(a), false, !a.containsKey("preimage"), c)));
        tools.add(new Tool("get_profile", "A node's full profile with report counts (paid: L402). Without a"
                + " credential configured, answers the L402 challenge to pay.", ToolSchemas.params(List.of("id"), id),
                true, (a, c) -> api.get("/api/profile/" + ApiClient.segment(str(a, "id")), Map.of(), true, c)));
        return tools;
    }

    /** The tools as the SDK serves them. */
    public static List<McpServerFeatures.SyncToolSpecification> specifications(ApiClient api, McpJsonMapper mapper) {
        List<McpServerFeatures.SyncToolSpecification> out = new ArrayList<>();
        for (Tool t : all(api)) {
            McpSchema.Tool tool = McpSchema.Tool.builder().name(t.name()).description(t.description())
                    .inputSchema(mapper, t.inputSchema().toString()).build();
            out.add(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                    .callHandler((exchange, request) -> result(t, request.arguments() == null ? Map.of()
                            : request.arguments(), caller(exchange))).build());
        }
        return out;
    }

    /** The credentials the MCP client's HTTP request carried (see {@link SatRankMcp#http}); none over stdio. */
    static ApiClient.Caller caller(io.modelcontextprotocol.server.McpSyncServerExchange exchange) {
        var context = exchange == null ? null : exchange.transportContext();
        if (context == null) {
            return ApiClient.Caller.NONE;
        }
        return new ApiClient.Caller((String) context.get(SatRankMcp.API_KEY), (String) context.get(SatRankMcp.L402));
    }

    static McpSchema.CallToolResult result(Tool t, Map<String, Object> arguments, ApiClient.Caller caller) {
        for (String required : required(t)) {
            if (arguments.get(required) == null) {
                return McpSchema.CallToolResult.builder().addTextContent("missing argument: " + required).isError(true)
                        .build();
            }
        }
        ApiClient.Answer answer = t.call().apply(arguments, caller);
        if (answer.status() == 402 && t.paid()) {
            return McpSchema.CallToolResult.builder().addTextContent("This tool is paid over L402. Pay the invoice"
                    + " below, then configure the credential (L402 <macaroon>:<preimage>) for this MCP server.")
                    .addTextContent(answer.body()).isError(false).build();
        }
        return McpSchema.CallToolResult.builder().addTextContent(answer.body())
                .isError(answer.status() == 0 || answer.status() >= 400).build();
    }

    private static List<String> required(Tool t) {
        List<String> out = new ArrayList<>();
        t.inputSchema().path("required").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String str(Map<String, Object> a, String name) {
        return String.valueOf(a.get(name));
    }

    private static Map<String, String> query(Map<String, Object> a, String... names) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String n : names) {
            if (a.get(n) != null) {
                Object v = a.get(n);
                q.put(n, v instanceof Double d && d == Math.rint(d) && !n.startsWith("min") ? Long.toString(d.longValue())
                        : String.valueOf(v));
            }
        }
        return q;
    }

    private static String json(Map<String, Object> a) {
        try {
            return ToolSchemas.JSON.writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
