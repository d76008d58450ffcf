package com.satrank.ingest.services;

import com.satrank.ingest.config.ServicesConfig;
import com.satrank.ingest.http.SafeHttp;
import com.satrank.ingest.http.UrlSafety;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.PaymentClient;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventLogs;
import com.satrank.metrics.Metrics;
import com.satrank.runtime.RepeatingTask;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's service discovery: the registry crawler and the endpoint prober's free and paid loops,
 * each on its own thread, sharing one catalogue, one guarded HTTP client and one budget. Stops the
 * loops (waiting for the step in flight), then the payment channel and the HTTP client.
 */
public final class ServiceDiscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);

    private final RepeatingTask registry;
    private final RepeatingTask checks;
    private final RepeatingTask paid;
    private final PaymentClient payments;
    private final SafeHttp http;

    private ServiceDiscovery(RepeatingTask registry, RepeatingTask checks, RepeatingTask paid, PaymentClient payments,
                             SafeHttp http) {
        this.registry = registry;
        this.checks = checks;
        this.paid = paid;
        this.payments = payments;
        this.http = http;
    }

    /**
     * @param lnd where to pay from, with {@code payMacaroon}; null or blank: no paid probes
     */
    public static ServiceDiscovery create(ServicesConfig config, EventLogs logs, LndEndpoint lnd, String payMacaroon,
                                          LndStatus status, Supplier<byte[]> lndPubkey, Metrics metrics,
                                          InstantSource clock) {
        ServiceMetrics serviceMetrics = new ServiceMetrics(metrics);
        ServiceCatalogue catalogue = ServiceCatalogue.readFrom(logs.services());
        ServiceMetrics.catalogueGauge(metrics, catalogue);
        SafeHttp http = new SafeHttp(new UrlSafety(config.allowLoopback()), config.checkTimeout(), 32);
        RegistryCrawler crawler = new RegistryCrawler(config, http, logs.services().appender("registry", null),
                catalogue, serviceMetrics);
        PaymentClient payments = lnd != null && payMacaroon != null && !payMacaroon.isBlank() && config.paidProbes()
                ? new PaymentClient(lnd, Path.of(payMacaroon), status) : null;
        SpendingBudget budget = new SpendingBudget(config.maxSatsPerProbe() + config.feeLimitSats(),
                config.cycleBudgetSats(), config.dailyBudgetSats(), clock);
        EndpointProber prober = new EndpointProber(config, catalogue, http,
                logs.endpoints().appenderFor("endpoint-prober", lndPubkey), new EndpointDemand(logs.queries()),
                payments, lndPubkey, budget, serviceMetrics, clock);
        prober.restore(logs.endpoints());
        if (payments == null) {
            LOG.info("paid endpoint probes are off (no pay macaroon, or services.paidProbes is false)");
        }
        // registrations the API appends (NIP-98 self-registration) reach this catalogue at each round of checks
        ChronicleEventLog.Tailer registrations = logs.services().tailer().seekAfter(logs.services().lastPosition());
        java.util.function.Function<java.util.function.BooleanSupplier, Duration> checks = stop -> {
            for (var next = registrations.next(); next.isPresent(); next = registrations.next()) {
                if (!next.get().event().getSource().getProcess().equals("registry")) {
                    catalogue.apply(next.get().event());
                }
            }
            return prober.checkOnce(stop);
        };
        RepeatingTask[] tasks = new RepeatingTask[3];
        tasks[0] = new RepeatingTask("registry-crawler", guarded("registry crawl", config.registryInterval(),
                stop -> crawler.crawlOnce(), () -> tasks[0].stopping()));
        tasks[1] = new RepeatingTask("endpoint-checks", guarded("endpoint checks", config.checkInterval(),
                checks, () -> tasks[1].stopping()));
        tasks[2] = new RepeatingTask("paid-probes", guarded("paid probes", config.paidInterval(),
                prober::paidOnce, () -> tasks[2].stopping()));
        return new ServiceDiscovery(tasks[0], tasks[1], tasks[2], payments, http);
    }

    /** A step that logs and waits its interval when it fails, instead of ending its thread. */
    private static Supplier<Duration> guarded(String what, Duration interval,
                                              Function<java.util.function.BooleanSupplier, Duration> step,
                                              java.util.function.BooleanSupplier stopping) {
        return () -> {
            try {
                return step.apply(stopping);
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", what, e.toString());
                return interval;
            }
        };
    }

    public void start() {
        registry.start();
        checks.start();
        paid.start();
    }

    @Override
    public void close() {
        paid.close();
        checks.close();
        registry.close();
        if (payments != null) {
            payments.close();
        }
        http.close();
    }
}
