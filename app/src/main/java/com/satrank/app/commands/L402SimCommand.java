package com.satrank.app.commands;

import com.satrank.l402sim.L402SimServer;
import com.satrank.l402sim.L402SimSettings;
import com.satrank.l402sim.MerchantClient;
import com.satrank.lndclient.LndEndpoint;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code l402-sim}: the simulated L402 economy on its own, billing through a running lnd-sim
 * (started with merchants, as the demo does). {@code l402-sim truth}: the hidden per-stage
 * probabilities of that economy as CSV, for calibration checks (needs the same running lnd-sim, whose
 * payment truth the payment stage is).
 */
public class L402SimCommand extends Command {
    public L402SimCommand() {
        super("l402-sim", "Run the simulated L402 economy against a running lnd-sim, or 'l402-sim truth' to print its"
                + " hidden probabilities (CSV)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").nargs("?").help("nothing to run the economy; 'truth' to print its hidden truth");
        subparser.addArgument("--host").setDefault("127.0.0.1").help("address the hosts bind (and their URLs use)");
        subparser.addArgument("--port").type(Integer.class).setDefault(18_400).help("first host's port; one per host");
        subparser.addArgument("--hosts").type(Integer.class).setDefault(L402SimSettings.DEFAULT_HOSTS);
        subparser.addArgument("--endpoints").type(Integer.class).setDefault(L402SimSettings.DEFAULT_ENDPOINTS);
        subparser.addArgument("--seed").type(Long.class).setDefault(21L).help("economy seed (the demo uses sim.seed)");
        subparser.addArgument("--max-latency-ms").type(Integer.class).setDefault(200);
        subparser.addArgument("--lnd-dir").setDefault("data/lnd-sim").help("the running lnd-sim's tls.cert and macaroons");
        subparser.addArgument("--lnd-port").type(Integer.class).setDefault(10009).help("the running lnd-sim's gRPC port");
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        OperatorErrors.report(cli, e);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        String action = ns.getString("action");
        if (action != null && !action.equals("truth")) {
            throw new IllegalArgumentException("usage: l402-sim [truth] [--port P] [--seed S] [--lnd-dir D] [--lnd-port P]");
        }
        L402SimSettings settings = new L402SimSettings(ns.getString("host"), ns.getInt("port"), ns.getInt("hosts"),
                ns.getInt("endpoints"), ns.getLong("seed"), ns.getInt("max_latency_ms"));
        Path lndDir = Path.of(ns.getString("lnd_dir"));
        if (!lndDir.resolve("admin.macaroon").toFile().isFile()) {
            throw new IllegalArgumentException("no lnd-sim files in " + lndDir.toAbsolutePath()
                    + ": start lnd-sim (or the demo) first, or give --lnd-dir");
        }
        MerchantClient merchants = new MerchantClient(new LndEndpoint("localhost", ns.getInt("lnd_port"),
                lndDir.resolve("tls.cert"), lndDir.resolve("admin.macaroon"), Duration.ofSeconds(10)));
        if ("truth".equals(action)) {
            try (merchants; var out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
                L402SimServer.writeTruth(settings, merchants, out);
            }
            return;
        }
        try (L402SimServer sim = L402SimServer.start(settings, merchants, Clock.systemUTC())) {
            System.out.println("l402-sim: " + sim.endpoints().size() + " endpoints; registry " + sim.registryUrl()
                    + "?protocol=L402, directory " + sim.directoryUrl());
            Thread.currentThread().join();
        }
    }
}
