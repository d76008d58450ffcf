package com.satrank.ingest.services;

import com.satrank.events.v1.EndpointProbed;
import com.satrank.events.v1.Event;
import com.satrank.ingest.config.ServicesConfig;
import com.satrank.ingest.http.SafeHttp;
import com.satrank.lndclient.PaymentClient;
import com.satrank.log.EventAppender;
import com.satrank.model.Msat;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules probes of the catalogue's endpoints through the five stages ({@link StageProbe}). Free
 * checks (stages 1–2) run on tiers cut from demand: hot (asked within 2 h), warm (2–24 h), cold
 * (otherwise), each re-checked after its own interval. Paid probes (stages 3–5) go first to the
 * endpoints paid least, then to those asked about most recently, within {@link SpendingBudget}.
 */
public final class EndpointProber {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointProber.class);
    private static final long HOT_MS = 2 * 3_600_000L;
    private static final long WARM_MS = 24 * 3_600_000L;

    private final ServicesConfig config;
    private final ServiceCatalogue catalogue;
    private final EndpointDemand demand;
    private final SpendingBudget budget;
    private final StageProbe stages;
    private final InstantSource clock;
    private final Map<String, Long> lastCheckedMs = new ConcurrentHashMap<>();
    private final Map<String, Integer> paidProbes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> payable = new ConcurrentHashMap<>();

    /** @param payments null: no paid probes (no pay macaroon, or turned off) */
    public EndpointProber(ServicesConfig config, ServiceCatalogue catalogue, SafeHttp http, EventAppender endpoints,
                          EndpointDemand demand, PaymentClient payments, Supplier<byte[]> ownPubkey, SpendingBudget budget,
                          ServiceMetrics metrics, InstantSource clock) {
        this.config = config;
        this.catalogue = catalogue;
        this.demand = demand;
        this.budget = budget;
        this.stages = new StageProbe(config, http, endpoints, payments, ownPubkey, budget, metrics,
                hash -> paidProbes.merge(hash, 1, Integer::sum), clock);
        this.clock = clock;
    }

    /** What the endpoints log already says: last checks, paid probe counts, spends of the last day. */
    public void restore(com.satrank.log.ChronicleEventLog log) {
        long dayAgo = clock.millis() - 86_400_000L;
        log.forEachEvent(logged -> {
            Event e = logged.event();
            if (e.hasEndpointProbed()) {
                var p = e.getEndpointProbed();
                if (p.getStage() == EndpointProbed.Stage.CHALLENGE && !p.getTier().equals("paid")) {
                    lastCheckedMs.merge(p.getUrlHash(), e.getEventTimeMs(), Math::max);
                }
                if (p.getStage() == EndpointProbed.Stage.PAYMENT) {
                    paidProbes.merge(p.getUrlHash(), 1, Integer::sum);
                }
            } else if (e.hasEndpointPaymentSpent() && e.getEventTimeMs() > dayAgo) {
                var s = e.getEndpointPaymentSpent();
                budget.recordSpent(e.getEventTimeMs(), s.getAmountSats() + new Msat(s.getFeeMsat()).toSatCeil());
            }
        });
    }

    /** One round of free checks over the endpoints due; returns the delay until the next round. */
    public Duration checkOnce(java.util.function.BooleanSupplier stopping) {
        demand.refresh();
        long now = clock.millis();
        List<ServiceCatalogue.Entry> due = new ArrayList<>();
        for (ServiceCatalogue.Entry e : catalogue.probeable()) {
            Long last = lastCheckedMs.get(e.url().hash());
            if (last == null || now - last >= recheckAfter(e, now)) {
                due.add(e);
            }
        }
        due.sort(Comparator.comparing((ServiceCatalogue.Entry e) -> lastCheckedMs.getOrDefault(e.url().hash(), 0L))
                .thenComparing(e -> e.url().hash()));
        int checked = 0;
        for (ServiceCatalogue.Entry e : due) {
            if (stopping.getAsBoolean() || checked >= config.maxChecksPerCycle()) {
                break;
            }
            Optional<StageProbe.Challenge> challenge = stages.freeCheck(target(e), stages.probeId(), tier(e, now),
                    new StageProbe.Trace());
            payable.put(e.url().hash(), challenge.isPresent());
            lastCheckedMs.put(e.url().hash(), clock.millis());
            checked++;
            pause(config.checkGap());
        }
        return config.checkInterval();
    }

    /** One cycle of paid probes; returns the delay until the next. */
    public Duration paidOnce(java.util.function.BooleanSupplier stopping) {
        if (!stages.canPay()) {
            return config.paidInterval();
        }
        budget.newCycle();
        List<ServiceCatalogue.Entry> candidates = new ArrayList<>();
        for (ServiceCatalogue.Entry e : catalogue.probeable()) {
            // the last free check found a valid challenge; its price is re-read from the invoice before paying
            if (payable.getOrDefault(e.url().hash(), false)
                    && (e.priceSats() == 0 ? e.advertisedPriceSats() : e.priceSats()) <= config.maxSatsPerProbe()) {
                candidates.add(e);
            }
        }
        candidates.sort(Comparator.comparing((ServiceCatalogue.Entry e) -> paidProbes.getOrDefault(e.url().hash(), 0))
                .thenComparing(e -> -demand.lastAsked(e.url().hash()).orElse(0))
                .thenComparing(e -> e.url().hash()));
        List<ServiceCatalogue.Entry> chosen = candidates.subList(0, Math.min(candidates.size(), config.maxPaidPerCycle()));
        ExecutorService pool = Executors.newFixedThreadPool(config.paidConcurrency(), r -> {
            Thread t = new Thread(r, "paid-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ServiceCatalogue.Entry e : chosen) {
                running.add(pool.submit(() -> {
                    if (!stopping.getAsBoolean()) {
                        stages.paidProbe(target(e), "paid", new StageProbe.Trace());
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException ex) {
                    LOG.warn("paid probe failed: {}", ex.getCause().toString());
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
        }
        return config.paidInterval();
    }

    private long recheckAfter(ServiceCatalogue.Entry e, long now) {
        return switch (tier(e, now)) {
            case "hot" -> config.hotRecheck().toMillis();
            case "warm" -> config.warmRecheck().toMillis();
            default -> config.coldRecheck().toMillis();
        };
    }

    private String tier(ServiceCatalogue.Entry e, long now) {
        var asked = demand.lastAsked(e.url().hash());
        if (asked.isEmpty()) {
            return "cold";
        }
        long age = now - asked.getAsLong();
        return age < HOT_MS ? "hot" : age < WARM_MS ? "warm" : "cold";
    }

    private static StageProbe.Target target(ServiceCatalogue.Entry e) {
        return new StageProbe.Target(e.url(), e.method(), e.advertisedPriceSats());
    }

    private static void pause(Duration gap) {
        if (gap.isZero()) {
            return;
        }
        try {
            Thread.sleep(gap.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
