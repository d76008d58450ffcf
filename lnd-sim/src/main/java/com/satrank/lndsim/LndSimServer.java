package com.satrank.lndsim;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated LND: a real gRPC server over TLS, with its cert and macaroons written to
 * {@code dir} ({@code tls.cert}, {@code readonly.macaroon}, ...) exactly where a client expects
 * LND's files. Port 0 picks a free port.
 */
public final class LndSimServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LndSimServer.class);
    private static final int MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

    private final Server server;
    private final Path dir;
    private final SimGraph graph;
    private final SimReliability reliability;
    private final InstantSource clock;

    private LndSimServer(Server server, Path dir, SimGraph graph, SimReliability reliability, InstantSource clock) {
        this.server = server;
        this.dir = dir;
        this.graph = graph;
        this.reliability = reliability;
        this.clock = clock;
    }

    /**
     * Writes the hidden truth as CSV: pubkey, success probability of a payment of each probe tier.
     * Same seed and time, same file: what `lnd-sim truth` prints for calibration checks.
     */
    public void writeTruth(java.io.Writer out, long[] tiersSat) throws IOException {
        out.write("pubkey");
        for (long tier : tiersSat) {
            out.write(",p_" + tier);
        }
        out.write("\n");
        for (String pubkey : graph.pubkeys()) {
            out.write(pubkey);
            for (long tier : tiersSat) {
                out.write(String.format(java.util.Locale.ROOT, ",%.6f", trueSuccessProbability(pubkey, tier)));
            }
            out.write("\n");
        }
    }

    /** The hidden success probability of a payment of {@code amountSat} to {@code pubkey} now. */
    public double trueSuccessProbability(String pubkey, long amountSat) {
        return graph.target(pubkey, clock.instant())
                .map(t -> reliability.successProbability(pubkey, t.dead(), t.maxEnabledChannelSat(), amountSat))
                .orElse(0.0);
    }

    public static LndSimServer start(LndSimSettings settings, InstantSource clock) {
        try {
            Path dir = settings.dir();
            SelfSignedTls.writeIfMissing(dir.resolve("tls.cert"), dir.resolve("tls.key"), clock.instant());
            SimMacaroons macaroons = SimMacaroons.writeTo(dir);
            SimIdentity identity = SimIdentity.fromSeed(settings.seed());
            // merchants only exist in a generated graph: a loaded graph's keys are not ours
            SimMerchants merchants = SimMerchants.derive(settings.seed(),
                    settings.graphFile() != null ? 0 : settings.merchants(), clock);
            SimGraph graph = settings.graphFile() != null
                    ? DescribeGraphFile.load(settings.graphFile(), clock.instant(), settings.keepTimestamps())
                    : new SimGraphGenerator(settings.seed(), clock.instant())
                            .generate(settings.nodes(), settings.channels(), identity.publicKey(), merchants.pubkeys())
                            .evolving(settings.seed());
            SimInvoices invoices = new SimInvoices(identity, clock);
            SimReliability reliability = new SimReliability(settings.seed());
            SimRouting routing = new SimRouting(graph, reliability, clock);
            var payments = new SimPayments(routing, merchants, clock);
            var service = new SimLightningService(graph, identity, clock, 870_000, invoices, routing, payments);
            var interceptor = new MacaroonInterceptor(macaroons);
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
                    .sslContext(GrpcSslContexts.forServer(dir.resolve("tls.cert").toFile(),
                            dir.resolve("tls.key").toFile()).build())
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .addService(ServerInterceptors.intercept(service, interceptor))
                    .addService(ServerInterceptors.intercept(new SimControlService(invoices, merchants,
                            (pubkey, amount) -> graph.target(pubkey, clock.instant())
                                    .map(t -> reliability.successProbability(pubkey, t.dead(), t.maxEnabledChannelSat(), amount))
                                    .orElse(0.0)), interceptor))
                    .addService(ServerInterceptors.intercept(new SimRouterService(routing), interceptor))
                    .build()
                    .start();
            LOG.info("lnd-sim listening on {}:{} with {} nodes / {} channels; files in {}", settings.host(),
                    server.getPort(), graph.nodeCount(), graph.channelCount(), dir.toAbsolutePath());
            return new LndSimServer(server, dir, graph, reliability, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("lnd-sim did not start", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public Path tlsCertPath() {
        return dir.resolve("tls.cert");
    }

    public Path macaroonPath(String name) {
        return dir.resolve(name);
    }

    public SimGraph graph() {
        return graph;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
