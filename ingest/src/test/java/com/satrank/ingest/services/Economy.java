package com.satrank.ingest.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.events.v1.Event;
import com.satrank.ingest.config.ServicesConfig;
import com.satrank.ingest.http.SafeHttp;
import com.satrank.ingest.http.UrlSafety;
import com.satrank.l402sim.L402SimServer;
import com.satrank.l402sim.L402SimSettings;
import com.satrank.l402sim.MerchantClient;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.PaymentClient;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.EventLogs;
import com.satrank.metrics.Metrics;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole simulated L402 economy for tests: lnd-sim with merchant nodes, l402-sim on loopback, the
 * logs, and the crawler and prober wired as ingest wires them, over real gRPC and HTTP.
 */
final class Economy implements AutoCloseable {
    final MutableClock clock;
    final LndSimServer lnd;
    final L402SimServer sim;
    final EventLogs logs;
    final ServicesConfig config;
    final ServiceCatalogue catalogue = new ServiceCatalogue();
    final SafeHttp http;
    final PaymentClient payments;
    final SpendingBudget budget;
    final RegistryCrawler crawler;
    final EndpointProber prober;

    Economy(Path dir, MutableClock clock, int endpoints, Map<String, Object> overrides) {
        this.clock = clock;
        this.lnd = LndSimServer.start(new LndSimSettings("127.0.0.1", 0, dir.resolve("lnd"), 7, 400, 1200, null)
                .withMerchants(25), clock);
        this.sim = L402SimServer.start(new L402SimSettings("127.0.0.1", 0, 4, endpoints, 7, 0),
                new MerchantClient(endpoint(SimMacaroons.ADMIN)), clock);
        this.logs = EventLogs.open(dir.resolve("data"), clock);
        Map<String, Object> raw = new HashMap<>();
        raw.put("enabled", true);
        raw.put("registries", List.of(Map.of("kind", "402index", "url", sim.registryUrl()),
                Map.of("kind", "l402directory", "url", sim.directoryUrl())));
        raw.put("allowLoopback", true);
        raw.put("invoiceNetwork", "sb");
        raw.put("hostGap", "0ms");
        raw.put("checkGap", "0ms");
        raw.put("hostCapTotal", 100_000);
        raw.put("hostCapPerCycle", 100_000);
        raw.put("maxSatsPerProbe", 200);
        raw.put("cycleBudgetSats", 1_000_000);
        raw.put("dailyBudgetSats", 1_000_000);
        raw.put("maxPaidPerCycle", 10_000);
        raw.put("paidConcurrency", 4);
        raw.putAll(overrides);
        this.config = new ObjectMapper().convertValue(raw, ServicesConfig.class);
        this.http = new SafeHttp(new UrlSafety(config.allowLoopback()), Duration.ofSeconds(2), 32);
        this.payments = new PaymentClient(endpoint(SimMacaroons.PAY), lnd.macaroonPath(SimMacaroons.PAY),
                new LndStatus(Metrics.detached()));
        ServiceMetrics metrics = ServiceMetrics.detached();
        this.budget = new SpendingBudget(config.maxSatsPerProbe() + config.feeLimitSats(), config.cycleBudgetSats(),
                config.dailyBudgetSats(), clock);
        this.crawler = new RegistryCrawler(config, http, logs.services().appender("registry", null), catalogue, metrics);
        this.prober = new EndpointProber(config, catalogue, http, logs.endpoints().appender("endpoint-prober", null),
                new EndpointDemand(logs.queries()), payments, () -> new byte[33], budget, metrics, clock);
    }

    LndEndpoint endpoint(String macaroon) {
        return new LndEndpoint("127.0.0.1", lnd.port(), lnd.tlsCertPath(), lnd.macaroonPath(macaroon), Duration.ofSeconds(10));
    }

    /** Every event of one of the logs, in order. */
    static List<Event> events(com.satrank.log.ChronicleEventLog log) {
        List<Event> out = new ArrayList<>();
        log.forEachEvent(logged -> out.add(logged.event()));
        return out;
    }

    @Override
    public void close() {
        payments.close();
        http.close();
        logs.close();
        sim.close();
        lnd.close();
    }
}
