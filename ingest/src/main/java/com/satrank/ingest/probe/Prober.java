package com.satrank.ingest.probe;

import com.satrank.model.Sat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.lndclient.LndUnavailableException;
import com.satrank.lndclient.ProbeClient;
import com.satrank.log.EventAppender;
import com.satrank.model.Pubkey;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs probe cycles: plans targets, then per target and amount tier (1 k, 10 k, 100 k, 1 M sat) a
 * pathfinding probe and, when a path exists, a payment probe; escalation stops at the first tier
 * that fails. One {@link ProbeCompleted} event per attempt goes to the probes log.
 */
public final class Prober implements AutoCloseable {
    public static final long[] TIERS_SAT = {1_000, 10_000, 100_000, 1_000_000};

    private final ProbeClient client;
    private final EventAppender appender;
    private final Supplier<Collection<Pubkey>> candidates;
    private final Supplier<Set<Pubkey>> queriedRecently;
    private final InstantSource clock;
    private final ProbeSettings settings;
    private final Map<Pubkey, java.time.Instant> lastProbed = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private volatile boolean stopping;

    public Prober(ProbeClient client, EventAppender appender, Supplier<Collection<Pubkey>> candidates,
                  Supplier<Set<Pubkey>> queriedRecently, InstantSource clock, ProbeSettings settings) {
        this.client = client;
        this.appender = appender;
        this.candidates = candidates;
        this.queriedRecently = queriedRecently;
        this.clock = clock;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "prober-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What a cycle did. */
    public record CycleResult(int targets, int events, int lndErrors) {
    }

    public CycleResult runCycle() throws InterruptedException {
        List<Pubkey> plan = ProbePlanner.plan(candidates.get(), lastProbed, queriedRecently.get(), clock.instant(),
                settings.minInterval(), settings.targetsPerCycle());
        AtomicInteger events = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(plan.size());
        for (Pubkey target : plan) {
            futures.add(workers.submit(() -> {
                if (stopping) {
                    return; // the process is stopping: targets not started yet wait for the next run
                }
                try {
                    events.addAndGet(probeTarget(target));
                } catch (LndUnavailableException e) {
                    errors.incrementAndGet();
                }
            }));
        }
        long deadline = System.nanoTime() + settings.cycleTimeBudget().toNanos();
        for (Future<?> f : futures) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
            } catch (java.util.concurrent.ExecutionException e) {
                errors.incrementAndGet();
            }
        }
        return new CycleResult(plan.size(), events.get(), errors.get());
    }

    int probeTarget(Pubkey target) {
        int written = 0;
        for (long tier : TIERS_SAT) {
            Optional<ProbeClient.ProbeRoute> route = client.queryRoutes(target, new Sat(tier));
            appender.append(event(target, tier, ProbeCompleted.Method.QUERY_ROUTES,
                    route.isPresent() ? ProbeCompleted.Outcome.SUCCESS : ProbeCompleted.Outcome.NO_ROUTE,
                    b -> route.ifPresent(r -> b.setHops(r.hops()).setFeeMsat(r.fee().value()))));
            written++;
            if (route.isEmpty()) {
                break;
            }
            ProbeClient.ProbeResult result = client.sendProbe(route.get());
            appender.append(event(target, tier, ProbeCompleted.Method.PAYMENT_PROBE,
                    result.reachedTarget() ? ProbeCompleted.Outcome.SUCCESS : ProbeCompleted.Outcome.FAILURE,
                    b -> b.setHops(route.get().hops()).setFeeMsat(route.get().fee().value())
                            .setFailureCode(result.failureCode()).setFailureHop(result.failureHop())
                            .setLatencyMs((int) Math.min(Integer.MAX_VALUE, result.latencyMs()))));
            written++;
            if (!result.reachedTarget()) {
                break;
            }
        }
        lastProbed.put(target, clock.instant());
        return written;
    }

    private static Event.Builder event(Pubkey target, long amountSat, ProbeCompleted.Method method,
                                       ProbeCompleted.Outcome outcome,
                                       java.util.function.Consumer<ProbeCompleted.Builder> details) {
        ProbeCompleted.Builder b = ProbeCompleted.newBuilder().setTargetPubkey(ByteString.copyFrom(target.toBytes()))
                .setAmountSat(amountSat).setMethod(method).setOutcome(outcome);
        details.accept(b);
        return Event.newBuilder().setProbeCompleted(b);
    }

    /** Targets not yet started are skipped from now on; probes in flight finish and are logged. */
    public void stop() {
        stopping = true;
    }

    /** Stops, then waits (bounded) for the probes in flight, which may still append. */
    @Override
    public void close() {
        stop();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
