package com.satrank.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;

/**
 * SatRank's MCP server on the official SDK: the same tools ({@link SatRankTools}) over stdio (the
 * {@code satrank mcp} command, for agents that launch it) and over streamable HTTP at {@code /mcp}
 * on the API. Either way the tools call the HTTP API.
 */
public final class SatRankMcp implements AutoCloseable {
    static final String INSTRUCTIONS = "SatRank is a Lightning Network trust oracle. Before paying a Lightning node,"
            + " ask get_verdict; before paying an L402 service, ask intent with a category and pay the first"
            + " candidate; then report how it went.";

    static final String VERSION = java.util.Optional.ofNullable(SatRankMcp.class.getPackage().getImplementationVersion())
            .orElse("0.1.0");

    private final McpSyncServer server;
    private final HttpServlet servlet;

    private SatRankMcp(McpSyncServer server, HttpServlet servlet) {
        this.server = server;
        this.servlet = servlet;
    }

    static McpJsonMapper mapper() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    /** Serves on this process's stdin and stdout until the client closes them. */
    public static SatRankMcp stdio(ApiClient api) {
        McpJsonMapper mapper = mapper();
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper)).serverInfo("satrank", VERSION)
                .instructions(INSTRUCTIONS).capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(SatRankTools.specifications(api, mapper)).build();
        return new SatRankMcp(server, null);
    }

    /** The streamable-HTTP transport as a servlet, for the API to mount at {@code path}. */
    public static SatRankMcp http(ApiClient api, String path) {
        McpJsonMapper mapper = mapper();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper).mcpEndpoint(path).contextExtractor(SatRankMcp::credentials).build();
        McpSyncServer server = McpServer.sync(transport).serverInfo("satrank", VERSION).instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(SatRankTools.specifications(api, mapper)).build();
        return new SatRankMcp(server, transport);
    }

    static final String API_KEY = "satrank.apiKey";
    static final String L402 = "satrank.l402";

    /**
     * The MCP client's own credentials, from the headers of its HTTP request: an {@code Authorization:
     * L402 …} pays the paid tools, an {@code X-API-Key} signs reports. The server holds none of its own.
     */
    static io.modelcontextprotocol.common.McpTransportContext credentials(jakarta.servlet.http.HttpServletRequest r) {
        java.util.Map<String, Object> found = new java.util.HashMap<>();
        String auth = r.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "L402 ", 0, 5) || auth != null && auth.regionMatches(true, 0,
                "LSAT ", 0, 5)) {
            found.put(L402, auth);
        }
        if (r.getHeader("X-API-Key") != null) {
            found.put(API_KEY, r.getHeader("X-API-Key"));
        }
        return io.modelcontextprotocol.common.McpTransportContext.create(found);
    }

    public HttpServlet servlet() {
        return servlet;
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
