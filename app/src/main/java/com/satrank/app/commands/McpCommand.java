package com.satrank.app.commands;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.satrank.mcp.ApiClient;
import com.satrank.mcp.SatRankMcp;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.util.concurrent.CountDownLatch;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.slf4j.LoggerFactory;

/**
 * {@code satrank mcp [--api URL]}: SatRank's MCP server over stdio, for an LLM agent that launches
 * it. Its tools call the SatRank API at {@code --api} (default SATRANK_API_URL, else
 * http://127.0.0.1:8080) with the agent's own credentials from the environment: SATRANK_API_KEY
 * (reports) and SATRANK_L402 ({@code L402 <macaroon>:<preimage>}, for the paid tools). Standard
 * output carries the protocol only, so every log line goes to standard error.
 */
public class McpCommand extends Command {
    public McpCommand() {
        super("mcp", "Serve SatRank's MCP tools over stdio (for LLM agents); they call the API at --api");
    }

    @Override
    public void configure(Subparser subparser) {
        String env = System.getenv("SATRANK_API_URL");
        subparser.addArgument("--api").setDefault(env == null || env.isBlank() ? "http://127.0.0.1:8080" : env)
                .help("the SatRank API's base URL");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        logToStandardError();
        String base = ns.getString("api");
        try {
            java.net.URI uri = java.net.URI.create(base);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--api must be an http(s) base URL, got " + base);
        }
        SatRankMcp server = SatRankMcp.stdio(new ApiClient(() -> base, System.getenv("SATRANK_API_KEY"),
                System.getenv("SATRANK_L402")));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mcp-stop"));
        new CountDownLatch(1).await(); // the client ends the session by closing stdin and stopping us
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        OperatorErrors.report(cli, e);
    }

    private static void logToStandardError() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{36}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        root.addAppender(stderr);
        root.setLevel(Level.WARN);
    }
}
