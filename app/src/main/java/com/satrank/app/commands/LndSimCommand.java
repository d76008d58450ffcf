package com.satrank.app.commands;

import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code lnd-sim}: the simulated LND on its own, for ingest processes and manual runs.
 * {@code lnd-sim pay <bolt11>}: asks a running sim (files in {@code --dir}) to settle one of its
 * invoices and prints the preimage, which is what a wallet hands back after paying.
 */
public class LndSimCommand extends Command {
    public LndSimCommand() {
        super("lnd-sim", "Run the simulated LND (gRPC over TLS, macaroons), or 'lnd-sim pay <bolt11>' to pay it");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").nargs("*").help("nothing to run the sim; 'pay <bolt11>' to pay an invoice; "
                + "'truth' to print the hidden success probabilities (CSV) for --seed/--nodes/--channels");
        subparser.addArgument("--host").setDefault("127.0.0.1").help("address to bind");
        subparser.addArgument("--port").type(Integer.class).setDefault(10009).help("gRPC port");
        subparser.addArgument("--dir").setDefault("data/lnd-sim").help("where tls.cert and *.macaroon are written");
        subparser.addArgument("--seed").type(Long.class).setDefault(21L).help("graph seed");
        subparser.addArgument("--nodes").type(Integer.class).setDefault(LndSimSettings.DEFAULT_NODES);
        subparser.addArgument("--channels").type(Integer.class).setDefault(LndSimSettings.DEFAULT_CHANNELS);
        subparser.addArgument("--merchants").type(Integer.class).setDefault(40)
                .help("graph nodes whose keys the sim holds, payees of an l402-sim economy (the demo's default)");
        subparser.addArgument("--graph").help("serve this lncli describegraph JSON file (.gz accepted) instead");
        subparser.addArgument("--keep-timestamps").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
                .help("with --graph: serve the file's announcement times as they are (by default they are shifted"
                        + " so the newest is now, or every node of an old snapshot looks stale)");
    }

    /** Pays like a wallet (SendPaymentSync over the sim's graph, 50-sat fee limit); the sim may fail it, as a network can. */
    private static com.satrank.lndsim.SimPayClient.Paid payOverTheGraph(com.satrank.lndclient.LndEndpoint endpoint,
                                                                       String invoice) {
        try (var wallet = new com.satrank.lndclient.PaymentClient(endpoint, endpoint.macaroonPath(),
                new com.satrank.lndclient.LndStatus(com.satrank.metrics.Metrics.detached()))) {
            var payment = wallet.pay(invoice, 50, java.time.Duration.ofSeconds(30));
            if (!payment.paid()) {
                throw new IllegalArgumentException("payment failed: " + payment.error() + " (ask for a fresh invoice and"
                        + " try again)");
            }
            var decoded = com.satrank.bolt11.Bolt11.decode(invoice);
            return new com.satrank.lndsim.SimPayClient.Paid(java.util.HexFormat.of().formatHex(payment.preimage()),
                    java.util.HexFormat.of().formatHex(decoded.paymentHash()),
                    decoded.amountMsat() == null ? 0 : decoded.amountMsat());
        } catch (com.satrank.bolt11.Bolt11Exception e) {
            throw new IllegalArgumentException("not a BOLT 11 invoice: " + e.getMessage());
        }
    }

    /** Starts the same sim on a free port just long enough to print its hidden truth. */
    private static void writeTruth(Namespace ns) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("lnd-sim-truth");
        String graph = ns.getString("graph");
        try (LndSimServer sim = LndSimServer.start(new LndSimSettings("127.0.0.1", 0, dir, ns.getLong("seed"),
                ns.getInt("nodes"), ns.getInt("channels"), graph == null ? null : Path.of(graph),
                ns.getBoolean("keep_timestamps")).withMerchants(graph == null ? ns.getInt("merchants") : 0), Clock.systemUTC());
             var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out,
                     java.nio.charset.StandardCharsets.UTF_8))) {
            sim.writeTruth(out, com.satrank.ingest.probe.Prober.TIERS_SAT);
        }
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        OperatorErrors.report(cli, e);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        java.util.List<String> action = ns.getList("action");
        if (action.size() == 1 && "truth".equals(action.get(0))) {
            writeTruth(ns);
            return;
        }
        if (!action.isEmpty()) {
            if (action.size() != 2 || !"pay".equals(action.get(0))) {
                throw new IllegalArgumentException("usage: lnd-sim [--dir DIR] [--port PORT] pay <bolt11>");
            }
            Path dir = Path.of(ns.getString("dir"));
            var endpoint = new com.satrank.lndclient.LndEndpoint("localhost", ns.getInt("port"), dir.resolve("tls.cert"),
                    dir.resolve(com.satrank.lndsim.SimMacaroons.PAY), java.time.Duration.ofSeconds(10));
            com.satrank.lndsim.SimPayClient.Paid paid;
            try {
                paid = com.satrank.lndsim.SimPayClient.pay(endpoint, action.get(1));
            } catch (IllegalArgumentException notOurs) {
                if (!String.valueOf(notOurs.getMessage()).contains("not for this node")) {
                    throw notOurs;
                }
                paid = payOverTheGraph(endpoint, action.get(1)); // another node's invoice (an l402-sim merchant's)
            }
            System.out.println("paid " + paid.amountMsat() / 1000 + " sat");
            System.out.println("payment_hash " + paid.paymentHashHex());
            System.out.println("preimage " + paid.preimageHex());
            return;
        }
        String graph = ns.getString("graph");
        LndSimSettings settings = new LndSimSettings(ns.getString("host"), ns.getInt("port"),
                Path.of(ns.getString("dir")), ns.getLong("seed"), ns.getInt("nodes"), ns.getInt("channels"),
                graph == null ? null : Path.of(graph), ns.getBoolean("keep_timestamps"))
                .withMerchants(graph == null ? ns.getInt("merchants") : 0);
        try (LndSimServer server = LndSimServer.start(settings, Clock.systemUTC())) {
            System.out.println("lnd-sim on " + settings.host() + ":" + server.port() + ", cert "
                    + server.tlsCertPath().toAbsolutePath() + ", macaroons in " + settings.dir().toAbsolutePath());
            server.awaitTermination();
        }
    }
}
