package com.satrank.ingest.services;

import com.satrank.ingest.config.ServicesConfig;
import com.satrank.ingest.http.SafeHttp;
import com.satrank.ingest.http.UrlSafety;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.PaymentClient;
import com.satrank.log.EventAppender;
import com.satrank.log.EventLogs;
import com.satrank.metrics.Metrics;
import com.satrank.model.EndpointUrl;
import com.satrank.services.catalog.EndpointProbes;
import com.satrank.services.catalog.EndpointScore;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Probes the API runs when an agent pays for them: fresh free checks of an intent's top
 * candidates, and full five-stage probes of one URL. Outcomes of URLs the catalogue lists are
 * appended to the endpoints log like the scheduled prober's (tier {@code fresh} or {@code paid});
 * a URL it does not list is probed for the agent but leaves no evidence, since nothing would score
 * it. Its own spending budget and HTTP client; closes them on stop.
 */
public final class OnDemandProbes implements EndpointProbes, AutoCloseable {
    static final int CONCURRENCY = 5;

    private final StageProbe listed;
    private final StageProbe unlisted;
    private final UrlSafety safety;
    private final Function<String, Optional<EndpointScore>> listing;
    private final SafeHttp http;
    private final PaymentClient payments;
    private final ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, r -> {
        Thread t = new Thread(r, "on-demand-probe");
        t.setDaemon(true);
        return t;
    });
    private final InstantSource clock;

    private OnDemandProbes(StageProbe listed, StageProbe unlisted, UrlSafety safety,
                           Function<String, Optional<EndpointScore>> listing,
                           SafeHttp http, PaymentClient payments, InstantSource clock) {
        this.listed = listed;
        this.unlisted = unlisted;
        this.safety = safety;
        this.listing = listing;
        this.http = http;
        this.payments = payments;
        this.clock = clock;
    }

    /**
     * @param lnd        where to pay from, with {@code payMacaroon}; null or blank: probes stop after stage 2
     * @param listing    a url_hash's catalogue entry, if listed (its evidence is then kept, and it is
     *                   probed with the method and advertised price the catalogue knows)
     */
    public static OnDemandProbes create(ServicesConfig config, EventLogs logs, LndEndpoint lnd, String payMacaroon,
                                        LndStatus status, Function<String, Optional<EndpointScore>> listing,
                                        Metrics metrics,
                                        InstantSource clock) {
        UrlSafety safety = new UrlSafety(config.allowLoopback());
        SafeHttp http = new SafeHttp(safety, config.checkTimeout(), CONCURRENCY * 2);
        PaymentClient payments = lnd != null && payMacaroon != null && !payMacaroon.isBlank()
                ? new PaymentClient(lnd, Path.of(payMacaroon), status) : null;
        SpendingBudget budget = new SpendingBudget(config.maxSatsPerProbe() + config.feeLimitSats(),
                config.cycleBudgetSats(), config.dailyBudgetSats(), clock);
        ServiceMetrics serviceMetrics = new ServiceMetrics(metrics);
        // the API does not know its node's pubkey without asking LND: paying our own invoice just fails
        StageProbe listed = new StageProbe(config, http, logs.endpoints().appender("api-probe", null), payments,
                () -> new byte[0], budget, serviceMetrics, hash -> { }, clock);
        EventAppender nowhere = event -> null;
        StageProbe unlisted = new StageProbe(config, http, nowhere, payments, () -> new byte[0], budget,
                serviceMetrics, hash -> { }, clock);
        return new OnDemandProbes(listed, unlisted, safety, listing, http, payments, clock);
    }

    @Override
    public Optional<String> refuse(String url) {
        String shape = safety.refuseUrl(url);
        if (shape != null) {
            return Optional.of(shape);
        }
        String host = URI.create(url).getHost();
        try {
            for (InetAddress address : InetAddress.getAllByName(host.replaceAll("^\\[|\\]$", ""))) {
                if (!safety.allows(address)) {
                    return Optional.of("address " + address.getHostAddress() + " is not public");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty(); // unreachable, not forbidden: the probe reports it
        }
        return Optional.empty();
    }

    @Override
    public Map<String, FreshCheck> checkNow(List<EndpointScore> endpoints, Duration deadline) {
        Map<String, Future<FreshCheck>> running = new LinkedHashMap<>();
        for (EndpointScore e : endpoints) {
            running.put(e.urlHash(), pool.submit(() -> {
                StageProbe.Trace trace = new StageProbe.Trace();
                EndpointUrl url = EndpointUrl.of(e.url());
                boolean invoiceOk = listed.freeCheck(new StageProbe.Target(url, e.httpMethod(), e.advertisedPriceSats()),
                        listed.probeId(), "fresh", trace).isPresent();
                Integer status = trace.first == null ? null : trace.first.status();
                return new FreshCheck(status == null ? 0 : status,
                        trace.first == null ? 0 : (int) trace.first.latencyMs(), "L402".equals(trace.target), invoiceOk,
                        clock.millis());
            }));
        }
        long until = System.nanoTime() + deadline.toNanos();
        Map<String, FreshCheck> seen = new HashMap<>();
        for (Map.Entry<String, Future<FreshCheck>> r : running.entrySet()) {
            try {
                seen.put(r.getKey(), r.getValue().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                r.getValue().cancel(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return seen;
    }

    @Override
    public ProbeReport probe(String rawUrl) {
        EndpointUrl url = EndpointUrl.of(rawUrl);
        Optional<EndpointScore> known = listing.apply(url.hash());
        long started = System.nanoTime();
        StageProbe.Trace trace = new StageProbe.Trace();
        if (known.isPresent()) {
            listed.paidProbe(new StageProbe.Target(url, known.get().httpMethod(), known.get().advertisedPriceSats()),
                    "paid", trace);
        } else {
            // an unlisted URL is asked as discovery asks it: GET, and POST when GET is not allowed
            String method = http.request("GET", url.url(), StageProbe.ACCEPT, Duration.ofSeconds(5)).status() == 405
                    ? "POST" : "GET";
            unlisted.paidProbe(new StageProbe.Target(url, method, 0), "paid", trace);
        }
        return trace.report(url, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public Registration challenge(String url) {
        String method = "GET";
        SafeHttp.Answer answer = http.request(method, url, StageProbe.ACCEPT, Duration.ofSeconds(5));
        if (answer.status() == 405) {
            method = "POST"; // a POST-only service, as discovery tries it
            answer = http.request(method, url, StageProbe.ACCEPT, Duration.ofSeconds(5));
        }
        String header = answer.header("www-authenticate");
        var challenge = answer.status() == 402 ? com.satrank.services.L402Challenge.parse(header)
                : java.util.Optional.<com.satrank.services.L402Challenge>empty();
        if (challenge.isEmpty()) {
            return new Registration(answer.status(), false, null, 0, null, method);
        }
        try {
            var invoice = com.satrank.bolt11.Bolt11.decode(challenge.get().invoice());
            var nostr = java.util.regex.Pattern.compile("nostr-pubkey=\"?([0-9a-fA-F]{64})\"?").matcher(header);
            return new Registration(402, true, java.util.HexFormat.of().formatHex(invoice.payee()),
                    invoice.amountMsat() == null ? 0 : new com.satrank.model.Msat(invoice.amountMsat()).toSatCeil(),
                    nostr.find() ? nostr.group(1).toLowerCase(java.util.Locale.ROOT) : null, method);
        } catch (com.satrank.bolt11.Bolt11Exception e) {
            return new Registration(402, false, null, 0, null, method);
        }
    }

    @Override
    public boolean canPay() {
        return payments != null;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (payments != null) {
            payments.close();
        }
        http.close();
    }
}
