package com.satrank.ingest;

import com.satrank.metrics.Metrics;
import com.satrank.ingest.config.IngestConfig;
import com.satrank.ingest.config.ProbeConfig;
import com.satrank.ingest.graph.GraphCrawlLoop;
import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.ingest.probe.ProbeLoop;
import com.satrank.ingest.probe.ProbeSettings;
import com.satrank.ingest.probe.Prober;
import com.satrank.ingest.probe.RecentlyQueried;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndInfo;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.ProbeClient;
import com.satrank.log.EventLogs;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest process: crawls LND's graph into the graph log and, when a pay macaroon is configured,
 * probes nodes into the probes log, steered by the queries log. It owns its loops and LND clients;
 * the logs belong to whoever opened them and outlive it.
 */
public final class IngestProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestProcess.class);
    /** Health asks LND at most this often, so a busy health endpoint never turns into LND load. */
    private static final long INFO_REFRESH_MS = 30_000;

    private final LndGraphClient graphClient;
    private final GraphCrawlLoop crawl;
    private final ProbeClient probeClient;
    private final ProbeLoop probes;
    private final LndStatus status;
    private final com.satrank.ingest.services.ServiceDiscovery services;
    private final AtomicReference<LndInfo> info;
    private final InstantSource clock;
    private final AtomicLong lastAskedMs;

    private IngestProcess(LndGraphClient graphClient, GraphCrawlLoop crawl, ProbeClient probeClient, ProbeLoop probes,
                          LndStatus status, com.satrank.ingest.services.ServiceDiscovery services,
                          AtomicReference<LndInfo> info, AtomicLong lastAsked, InstantSource clock) {
        this.services = services;
        this.graphClient = graphClient;
        this.crawl = crawl;
        this.probeClient = probeClient;
        this.probes = probes;
        this.status = status;
        this.info = info;
        this.clock = clock;
        this.lastAskedMs = lastAsked;
    }

    /**
     * @param payMacaroon the pay macaroon for probes, or blank: the prober is off
     */
    public static IngestProcess create(IngestConfig ingest, ProbeConfig probe, LndEndpoint endpoint, String payMacaroon,
                                       EventLogs logs, Metrics metrics, InstantSource clock) {
        return create(ingest, probe, new com.satrank.ingest.config.ServicesConfig(), endpoint, payMacaroon, logs,
                metrics, clock);
    }

    /** With L402 service discovery when {@code services} is enabled (paid probes use the same pay macaroon). */
    public static IngestProcess create(IngestConfig ingest, ProbeConfig probe,
                                       com.satrank.ingest.config.ServicesConfig services, LndEndpoint endpoint,
                                       String payMacaroon, EventLogs logs, Metrics metrics, InstantSource clock) {
        LndStatus status = new LndStatus(metrics);
        LndGraphClient client = new LndGraphClient(endpoint, status);
        AtomicReference<LndInfo> info = new AtomicReference<>();
        try {
            info.set(client.getInfo());
        } catch (RuntimeException e) {
            LOG.warn("LND not reachable at start ({}); crawling will retry", e.getMessage());
        }
        // asked at start; when that failed, the next append may ask again at once
        AtomicLong lastAsked = new AtomicLong(clock.millis() - (info.get() == null ? INFO_REFRESH_MS : 0));
        // events name the node they come from; one that was away at start is asked again (≤ every 30 s)
        java.util.function.Supplier<byte[]> lndPubkey = () -> {
            LndInfo known = info.get();
            if (known == null) {
                known = refreshed(client, info, lastAsked, clock).orElse(null);
            }
            return known == null ? new byte[0] : known.identity().toBytes();
        };
        GraphCrawler crawler = new GraphCrawler(client, logs.graph().appenderFor("ingest", lndPubkey), clock,
                ingest.keyframeEvery());
        GraphCrawlLoop crawl = new GraphCrawlLoop(crawler, ingest.crawlInterval());
        ProbeClient probeClient = null;
        ProbeLoop probes = null;
        if (!payMacaroon.isBlank()) {
            probeClient = new ProbeClient(endpoint, Path.of(payMacaroon), status);
            Prober prober = new Prober(probeClient, logs.probes().appenderFor("prober", lndPubkey), crawler::lastNodePubkeys,
                    new RecentlyQueried(logs.queries(), clock, probe.minInterval().multipliedBy(2)), clock,
                    new ProbeSettings(probe.targetsPerCycle(), probe.minInterval(), probe.concurrency(),
                            probe.cycleInterval().multipliedBy(10)));
            probes = new ProbeLoop(prober, probe.cycleInterval());
        } else {
            LOG.info("probe.payMacaroonPath not set: the prober is off");
        }
        com.satrank.ingest.services.ServiceDiscovery discovery = services.enabled()
                ? com.satrank.ingest.services.ServiceDiscovery.create(services, logs, endpoint, payMacaroon, status,
                        lndPubkey, metrics, clock)
                : null;
        return new IngestProcess(client, crawl, probeClient, probes, status, discovery, info, lastAsked, clock);
    }

    public void start() {
        crawl.start();
        if (probes != null) {
            probes.start();
        }
        if (services != null) {
            services.start();
        }
    }

    public LndStatus lndStatus() {
        return status;
    }

    /** LND's identity as last seen, refreshed at most every 30 s; the last known one when LND is away. */
    public Optional<LndInfo> lndInfo() {
        return refreshed(graphClient, info, lastAskedMs, clock);
    }

    private static Optional<LndInfo> refreshed(LndGraphClient client, AtomicReference<LndInfo> info, AtomicLong lastAsked,
                                               InstantSource clock) {
        long now = clock.millis();
        long last = lastAsked.get();
        if (now - last >= INFO_REFRESH_MS && lastAsked.compareAndSet(last, now)) {
            try {
                info.set(client.getInfo());
            } catch (RuntimeException e) {
                // health reports the status; the last known identity is still worth showing
            }
        }
        return Optional.ofNullable(info.get());
    }

    /** Stops the loops, waiting for a crawl or probe in flight, then closes the LND channels. */
    @Override
    public void close() {
        if (services != null) {
            services.close();
        }
        if (probes != null) {
            probes.close();
        }
        crawl.close();
        if (probeClient != null) {
            probeClient.close();
        }
        graphClient.close();
    }
}
